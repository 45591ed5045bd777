//! Answers kept while the record stays the same. The record changes only
//! when an ingest commits, and the readers tell when that happened (the
//! record's generation, see `pool`); until then the same request has the
//! same answer, so it is kept (up to a budget of bytes) with the
//! generation it was made under, and everything kept is dropped as soon as
//! a newer generation is seen. Totals of paged lists are kept the same way,
//! so that the pages of one list count it once.
//!
//! When the record changes, every client asks again at once; one request
//! per answer makes it (a *flight*) and the others wait for it without
//! holding a reader, rather than all making the same answer side by side.

use axum::body::Bytes;
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use tokio::sync::watch;

/// The answer of a flight, `None` until it lands.
pub(crate) type Landing = watch::Receiver<Option<Bytes>>;

/// The answers and totals of one generation of the record.
pub(crate) struct Cache {
    /// Bytes of answers kept at most; 0 keeps nothing.
    budget: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    answers: HashMap<String, Bytes>,
    /// Keys of `answers`, oldest first, to make room.
    order: VecDeque<String>,
    bytes: usize,
    totals: HashMap<String, usize>,
    /// The answers being made, by key.
    flights: HashMap<String, Landing>,
}

impl Inner {
    /// Brings the cache to `generation`; false when that generation is
    /// older than the cache's (the work that asks is late: keep nothing of
    /// it).
    fn at(&mut self, generation: u64) -> bool {
        if generation < self.generation {
            return false;
        }
        if generation > self.generation {
            *self = Inner {
                generation,
                ..Inner::default()
            };
        }
        true
    }
}

/// What a request finds for its answer.
pub(crate) enum Lookup<'a> {
    /// The answer, kept.
    Kept(Bytes),
    /// Another request is making it: wait for it to land.
    Wait(Landing),
    /// Make it, then land it.
    Make(Flight<'a>),
}

/// The making of one answer; others wait for it. Dropped without landing
/// (the work failed or was given up), it lets the waiters know.
pub(crate) struct Flight<'a> {
    cache: &'a Cache,
    key: String,
    generation: u64,
    landing: watch::Sender<Option<Bytes>>,
    /// A receiver of the same channel, to know its entry in `flights`.
    own: Landing,
}

impl Flight<'_> {
    /// Keeps the answer and hands it to the waiters.
    pub(crate) fn land(self, body: Bytes) {
        self.cache
            .keep_answer(self.key.clone(), self.generation, body.clone());
        let _ = self.landing.send(Some(body));
    }
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        let mut inner = self.cache.inner();
        let ours = inner
            .flights
            .get(&self.key)
            .is_some_and(|l| self.own.same_channel(l));
        if ours {
            inner.flights.remove(&self.key);
        }
    }
}

/// The most totals kept (each a few dozen bytes).
const MAX_TOTALS: usize = 4096;

impl Cache {
    /// A cache of at most `budget` bytes of answers.
    pub(crate) fn new(budget: usize) -> Cache {
        Cache {
            budget,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The answer for `key` under `generation`: kept, being made by
    /// another request, or to be made by this one.
    pub(crate) fn lookup(&self, key: &str, generation: u64) -> Lookup<'_> {
        let (landing, waiting) = watch::channel(None);
        let make = Lookup::Make(Flight {
            cache: self,
            key: key.to_string(),
            generation,
            landing,
            own: waiting.clone(),
        });
        if self.budget == 0 {
            return make;
        }
        let mut inner = self.inner();
        if !inner.at(generation) {
            return make;
        }
        if let Some(kept) = inner.answers.get(key) {
            return Lookup::Kept(kept.clone());
        }
        if let Some(flight) = inner.flights.get(key) {
            return Lookup::Wait(flight.clone());
        }
        inner.flights.insert(key.to_string(), waiting);
        make
    }

    /// The answer kept for `key` under `generation`.
    #[cfg(test)]
    pub(crate) fn answer(&self, key: &str, generation: u64) -> Option<Bytes> {
        if self.budget == 0 {
            return None;
        }
        let mut inner = self.inner();
        if !inner.at(generation) {
            return None;
        }
        inner.answers.get(key).cloned()
    }

    /// Keeps an answer made under `generation`, when it fits: an answer
    /// larger than an eighth of the budget is not kept, and the oldest
    /// make room for the new.
    pub(crate) fn keep_answer(&self, key: String, generation: u64, body: Bytes) {
        if body.len() > self.budget / 8 {
            return;
        }
        let mut inner = self.inner();
        if !inner.at(generation) || inner.answers.contains_key(&key) {
            return;
        }
        while inner.bytes + body.len() > self.budget {
            let Some(old) = inner.order.pop_front() else {
                break;
            };
            if let Some(gone) = inner.answers.remove(&old) {
                inner.bytes -= gone.len();
            }
        }
        inner.bytes += body.len();
        inner.order.push_back(key.clone());
        inner.answers.insert(key, body);
    }

    /// The total kept for `key` under `generation`, or the one `count`
    /// makes (kept for the next page).
    pub(crate) fn total<E>(
        &self,
        key: String,
        generation: u64,
        count: impl FnOnce() -> Result<usize, E>,
    ) -> Result<usize, E> {
        if self.budget == 0 {
            return count();
        }
        if let Some(n) = {
            let mut inner = self.inner();
            inner
                .at(generation)
                .then(|| inner.totals.get(&key).copied())
                .flatten()
        } {
            return Ok(n);
        }
        let n = count()?;
        let mut inner = self.inner();
        if inner.at(generation) {
            if inner.totals.len() >= MAX_TOTALS {
                inner.totals.clear();
            }
            inner.totals.insert(key, n);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_within_a_generation() {
        let cache = Cache::new(1000);
        assert_eq!(cache.answer("a", 0), None);
        cache.keep_answer("a".into(), 0, Bytes::from_static(b"one"));
        assert_eq!(cache.answer("a", 0).as_deref(), Some(&b"one"[..]));
        // A newer generation forgets everything.
        assert_eq!(cache.answer("a", 1), None);
        // Late work of an older generation is not kept.
        cache.keep_answer("b".into(), 0, Bytes::from_static(b"two"));
        assert_eq!(cache.answer("b", 1), None);
        assert_eq!(cache.answer("b", 0), None);
    }

    #[tokio::test]
    async fn one_request_makes_an_answer_and_the_others_wait_for_it() {
        let cache = Cache::new(1000);
        let Lookup::Make(flight) = cache.lookup("a", 1) else {
            panic!("the first makes it");
        };
        let Lookup::Wait(mut waiting) = cache.lookup("a", 1) else {
            panic!("the second waits");
        };
        flight.land(Bytes::from_static(b"one"));
        let landed = waiting
            .wait_for(Option::is_some)
            .await
            .expect("lands")
            .clone();
        assert_eq!(landed.as_deref(), Some(&b"one"[..]));
        assert!(matches!(cache.lookup("a", 1), Lookup::Kept(_)));
        // A flight that fails lets its waiters know, and the next makes it.
        let Lookup::Make(flight) = cache.lookup("b", 1) else {
            panic!("makes");
        };
        let Lookup::Wait(mut waiting) = cache.lookup("b", 1) else {
            panic!("waits");
        };
        drop(flight);
        assert!(waiting.wait_for(Option::is_some).await.is_err());
        assert!(matches!(cache.lookup("b", 1), Lookup::Make(_)));
        // A new generation makes its own.
        assert!(matches!(cache.lookup("a", 2), Lookup::Make(_)));
    }

    #[test]
    fn the_budget_holds() {
        let cache = Cache::new(800);
        for i in 0..100 {
            cache.keep_answer(format!("k{i}"), 3, Bytes::from(vec![b'x'; 100]));
        }
        let inner = cache.inner();
        assert!(inner.bytes <= 800);
        assert_eq!(inner.answers.len(), 8);
        assert!(inner.answers.contains_key("k99") && !inner.answers.contains_key("k0"));
        drop(inner);
        // Too large for the budget: not kept.
        cache.keep_answer("big".into(), 3, Bytes::from(vec![b'x'; 101]));
        assert_eq!(cache.answer("big", 3), None);
        // No budget, nothing kept.
        let none = Cache::new(0);
        none.keep_answer("a".into(), 0, Bytes::new());
        assert_eq!(none.answer("a", 0), None);
    }

    #[test]
    fn totals_are_counted_once_a_generation() {
        let cache = Cache::new(1000);
        let mut counted = 0;
        for _ in 0..3 {
            let n = cache.total("t".into(), 5, || -> Result<usize, ()> {
                counted += 1;
                Ok(42)
            });
            assert_eq!(n, Ok(42));
        }
        assert_eq!(counted, 1);
        let n = cache.total("t".into(), 6, || -> Result<usize, ()> { Ok(43) });
        assert_eq!(n, Ok(43));
        assert_eq!(cache.total("t".into(), 6, || Err("not asked")), Ok(43));
        assert_eq!(cache.total("u".into(), 6, || Err("failed")), Err("failed"));
    }
}
