// Times wtf_wikipedia's wikitext to plain text on pages written by
// `annals bench --wiki DUMP --write-pages FILE` (JSON lines {id, title, text}).
//
// Usage: node wtf_wikipedia_bench.js PAGES.jsonl RUNS
// Prints one JSON object: tool, pages, bytes (UTF-8 wikitext), text_bytes,
// seconds (best of RUNS passes over all pages), mb_per_s, pages_per_s.
'use strict';
const fs = require('fs');
const path = require('path');
const wtf = require('wtf_wikipedia');

const [file, runsArg] = process.argv.slice(2);
const runs = Math.max(1, parseInt(runsArg || '3', 10));
const texts = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).text);
const size = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
let best = Infinity;
let textBytes = 0;
for (let r = 0; r < runs; r++) {
  const start = process.hrtime.bigint();
  const out = texts.map((t) => wtf(t).text());
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  best = Math.min(best, secs);
  textBytes = out.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
}
const pkg = JSON.parse(
  fs.readFileSync(path.join(path.dirname(require.resolve('wtf_wikipedia')), '..', 'package.json'), 'utf8'),
);
console.log(
  JSON.stringify({
    tool: `wtf_wikipedia ${pkg.version}`,
    pages: texts.length,
    bytes: size,
    text_bytes: textBytes,
    seconds: best,
    mb_per_s: size / 1e6 / best,
    pages_per_s: texts.length / best,
  }),
);
