//! Prints the analysis of each line of standard input (or of the arguments):
//! `cargo run -p annals-syntax --example show -- "Japan signed the treaty."`

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = if args.is_empty() {
        let mut s = String::new();
        if std::io::stdin().read_to_string(&mut s).is_err() {
            return;
        }
        s
    } else {
        args.join("\n")
    };
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let tokens = annals_syntax::tag(line, 0, line.len());
        let tagged: Vec<String> = tokens
            .iter()
            .map(|t| format!("{}/{}", &line[t.start..t.end], t.pos.code()))
            .collect();
        println!("{}", tagged.join(" "));
        let a = annals_syntax::analyse(line, 0, line.len());
        let chunks: Vec<String> = a
            .chunks
            .iter()
            .filter(|c| c.within.is_none() && c.kind != annals_syntax::ChunkKind::Other)
            .map(|c| {
                format!(
                    "{:?}[{}]",
                    c.kind,
                    &line[a.tokens[c.first].start..a.tokens[c.last].end]
                )
            })
            .collect();
        println!("  {}", chunks.join(" "));
        for v in &a.verbs {
            let t = &a.tokens[v.verb];
            let mut flags = format!("{:?}", v.form);
            if v.passive {
                flags.push_str(" passive");
            }
            if v.negated {
                flags.push_str(" negated");
            }
            if let Some(m) = &v.modal {
                flags.push_str(&format!(" modal={m}"));
            }
            let (cs, ce) = v.clause;
            println!(
                "  {} ({}) {} subject={:?} ({:?}) object={:?} agent={:?} clause=[{}]",
                &line[t.start..t.end],
                v.lemma,
                flags,
                a.phrase_texts(line, &v.subject),
                v.subject_link,
                a.phrase_texts(line, &v.object),
                a.phrase_texts(line, &v.agent),
                &line[a.tokens[cs].start..a.tokens[ce].end],
            );
        }
    }
}
