//! Greedy one-to-one alignment of overlapping spans, as `score.py` does it.
//!
//! Candidate pairs are every (gold, system) pair whose spans overlap by at least
//! one byte; they are taken greedily by overlap size, ties broken by gold index
//! and then system index. Candidates come from a sweep over the spans in start
//! order, so the cost is `O(n log n)` plus the number of overlapping pairs rather
//! than `O(n * m)`.

use crate::TimexRecord;

/// A byte span `[start, end)`.
pub(crate) type Extent = (usize, usize);

/// Two spans that overlap: their indices and the size of the overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub overlap: usize,
    pub left: usize,
    pub right: usize,
}

/// A record that can be aligned: its extent, and whether it is optional gold.
///
/// Timexes and entity mentions share the alignment (and so its tie-breaking)
/// through this trait.
pub(crate) trait Spanned {
    /// The record's byte span.
    fn extent(&self) -> Extent;
    /// Whether the record is gold that is neither rewarded nor penalised.
    fn is_optional(&self) -> bool;
}

impl Spanned for TimexRecord {
    fn extent(&self) -> Extent {
        (self.start, self.end)
    }

    fn is_optional(&self) -> bool {
        self.optional
    }
}

/// The extents of some records, in order.
pub(crate) fn extents<R: Spanned>(records: &[&R]) -> Vec<Extent> {
    records.iter().map(|r| r.extent()).collect()
}

/// Every pair `(i, j)` with `left[i]` and `right[j]` overlapping, in no particular order.
///
/// Spans are entered by start. A pair is found when its later-starting member
/// enters: the other one is then still open (its end lies beyond the new start),
/// and every open span of the other side overlaps the new one.
pub(crate) fn overlapping_pairs(left: &[Extent], right: &[Extent]) -> Vec<Candidate> {
    let mut entries: Vec<(usize, bool, usize)> = Vec::with_capacity(left.len() + right.len());
    // Empty or inverted spans overlap nothing.
    entries.extend(
        left.iter()
            .enumerate()
            .filter(|(_, s)| s.1 > s.0)
            .map(|(i, s)| (s.0, false, i)),
    );
    entries.extend(
        right
            .iter()
            .enumerate()
            .filter(|(_, s)| s.1 > s.0)
            .map(|(i, s)| (s.0, true, i)),
    );
    entries.sort_unstable();

    let (mut open_left, mut open_right) = (Vec::new(), Vec::new());
    let mut candidates = Vec::new();
    for (start, is_right, index) in entries {
        let (spans, other_spans, open_other) = if is_right {
            (right, left, &mut open_left)
        } else {
            (left, right, &mut open_right)
        };
        // Spans that ended at or before this start can overlap nothing later.
        open_other.retain(|&j: &usize| other_spans[j].1 > start);
        let end = spans[index].1;
        for &other in open_other.iter() {
            let overlap = end.min(other_spans[other].1) - start;
            let (left, right) = if is_right {
                (other, index)
            } else {
                (index, other)
            };
            candidates.push(Candidate {
                overlap,
                left,
                right,
            });
        }
        if is_right {
            open_right.push(index);
        } else {
            open_left.push(index);
        }
    }
    candidates
}

/// Greedy one-to-one alignment: the (gold, system) index pairs, in the order taken.
pub(crate) fn align(gold: &[Extent], system: &[Extent]) -> Vec<(usize, usize)> {
    let mut candidates = overlapping_pairs(gold, system);
    candidates.sort_unstable_by_key(|c| (std::cmp::Reverse(c.overlap), c.left, c.right));
    let mut gold_used = vec![false; gold.len()];
    let mut system_used = vec![false; system.len()];
    let mut pairs = Vec::new();
    for Candidate { left, right, .. } in candidates {
        if gold_used[left] || system_used[right] {
            continue;
        }
        gold_used[left] = true;
        system_used[right] = true;
        pairs.push((left, right));
    }
    pairs
}

/// Splits off optional gold: returns the required gold and the system records kept.
///
/// A system record overlapping an optional gold span is dropped, unless it also
/// overlaps a required one.
pub(crate) fn split_optional<'a, R: Spanned>(
    gold: &'a [R],
    system: &'a [R],
) -> (Vec<&'a R>, Vec<&'a R>) {
    let (optional, required): (Vec<&R>, Vec<&R>) = gold.iter().partition(|g| g.is_optional());
    let all_system: Vec<&R> = system.iter().collect();
    if optional.is_empty() {
        return (required, all_system);
    }
    let system_extents = extents(&all_system);
    let touches = |gold: &[&R]| {
        let mut hit = vec![false; system.len()];
        for candidate in overlapping_pairs(&extents(gold), &system_extents) {
            hit[candidate.right] = true;
        }
        hit
    };
    let (on_optional, on_required) = (touches(&optional), touches(&required));
    let kept = all_system
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| !on_optional[i] || on_required[i])
        .map(|(_, s)| s)
        .collect();
    (required, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: Extent, b: Extent) -> usize {
        (a.1.min(b.1) as isize - a.0.max(b.0) as isize).max(0) as usize
    }

    /// score.py's quadratic alignment, transcribed.
    fn reference_align(gold: &[Extent], system: &[Extent]) -> Vec<(usize, usize)> {
        let mut candidates = Vec::new();
        for (gi, &g) in gold.iter().enumerate() {
            for (si, &s) in system.iter().enumerate() {
                let o = overlap(g, s);
                if o > 0 {
                    candidates.push((std::cmp::Reverse(o), gi, si));
                }
            }
        }
        candidates.sort();
        let (mut used_g, mut used_s, mut pairs) = (vec![], vec![], vec![]);
        for (_, gi, si) in candidates {
            if used_g.contains(&gi) || used_s.contains(&si) {
                continue;
            }
            used_g.push(gi);
            used_s.push(si);
            pairs.push((gi, si));
        }
        pairs
    }

    /// A small xorshift generator, so the test needs no dependency and repeats.
    struct Random(u64);
    impl Random {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
        fn extents(&mut self, count: usize) -> Vec<Extent> {
            (0..count)
                .map(|_| {
                    let start = self.below(60);
                    (start, start + self.below(8))
                })
                .collect()
        }
    }

    #[test]
    fn sweep_agrees_with_quadratic_reference() {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        for _ in 0..500 {
            let (gold_count, system_count) = (random.below(12), random.below(12));
            let gold = random.extents(gold_count);
            let system = random.extents(system_count);
            assert_eq!(
                align(&gold, &system),
                reference_align(&gold, &system),
                "gold {gold:?} system {system:?}"
            );
        }
    }

    #[test]
    fn larger_overlap_wins_then_lower_indices() {
        // One system span covers gold 0 by 3 bytes and gold 1 by 5.
        assert_eq!(align(&[(0, 5), (5, 10)], &[(2, 10)]), vec![(1, 0)]);
        // Equal overlaps: the lower gold index, then the lower system index.
        assert_eq!(align(&[(0, 4), (4, 8)], &[(2, 6)]), vec![(0, 0)]);
        assert_eq!(align(&[(0, 10)], &[(0, 3), (7, 10)]), vec![(0, 0)]);
        // Greedy, not maximal: gold 1 loses its only partner.
        assert_eq!(align(&[(0, 10), (8, 9)], &[(5, 10)]), vec![(0, 0)]);
    }

    #[test]
    fn touching_and_empty_spans_do_not_overlap() {
        assert!(align(&[(0, 4)], &[(4, 8)]).is_empty());
        assert!(align(&[(3, 3)], &[(0, 8)]).is_empty());
        assert!(align(&[(5, 2)], &[(0, 8)]).is_empty());
    }

    #[test]
    fn optional_gold_drops_system_spans_unless_they_touch_required_gold() {
        let record = |start, end, optional| TimexRecord {
            start,
            end,
            optional,
            ..TimexRecord::default()
        };
        let gold = [record(0, 10, true), record(12, 20, false)];
        let system = [
            record(2, 5, false),
            record(8, 14, false),
            record(30, 32, false),
        ];
        let (required, kept) = split_optional(&gold, &system);
        assert_eq!(required.len(), 1);
        let kept: Vec<Extent> = kept.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(kept, vec![(8, 14), (30, 32)]);
    }
}
