//! The record's readers: a few read-only connections that requests take
//! turns with. A request waits (without holding a thread) for a free
//! connection, runs its queries on a blocking thread, and gives the
//! connection back; when the request is given up (its timeout, or the
//! client leaving) the query it is running is interrupted, and work that
//! has not started yet is skipped.
//!
//! The readers also tell the record's *generation*: a number that grows
//! whenever a reader sees that another connection (an ingest) has
//! committed since it last looked. Work is handed the generation it read
//! under, so that answers can be kept for as long as it stays the same.

use crate::reply::ApiError;
use annals_store::pages::InterruptHandle;
use annals_store::Store;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A connection and the record's data version it last saw.
struct Reader {
    store: Store,
    seen: i64,
}

impl Reader {
    /// The record's generation for the work about to run: one more when
    /// this connection sees a commit it had not seen.
    fn generation(&mut self, generation: &AtomicU64) -> Result<u64, annals_store::Error> {
        let version = self.store.data_version()?;
        if version != self.seen {
            self.seen = version;
            generation.fetch_add(1, Ordering::SeqCst);
        }
        Ok(generation.load(Ordering::SeqCst))
    }
}

/// The connections to the record and the turns to use them.
pub(crate) struct Readers {
    /// The connections not in use.
    idle: Mutex<Vec<Reader>>,
    /// Grows when the record changes (see the module's documentation).
    generation: AtomicU64,
    /// One permit per connection: holding one means a connection of
    /// `idle` is yours to take.
    turns: Arc<Semaphore>,
    count: usize,
}

/// Where a request's work stands, for its canceller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Queued for a blocking thread.
    Waiting,
    /// Running on its connection.
    Running,
    /// Done, or given up.
    Over,
}

/// A request's work as its canceller sees it.
struct Watch {
    stage: Mutex<Stage>,
    interrupt: InterruptHandle,
}

impl Watch {
    fn stage(&self) -> MutexGuard<'_, Stage> {
        self.stage.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Marks the work as started; false when it was given up already.
    fn begin(&self) -> bool {
        let mut stage = self.stage();
        if *stage == Stage::Over {
            return false;
        }
        *stage = Stage::Running;
        true
    }

    /// Marks the work as done, before its connection goes back.
    fn end(&self) {
        *self.stage() = Stage::Over;
    }

    /// Gives the work up: interrupts it while it runs (the lock keeps the
    /// connection from going to another request meanwhile), or keeps it
    /// from starting.
    fn cancel(&self) {
        let mut stage = self.stage();
        if *stage == Stage::Running {
            self.interrupt.interrupt();
        }
        *stage = Stage::Over;
    }
}

/// Cancels the work when the request's future is dropped before the work
/// is done.
struct CancelOnDrop(Option<Arc<Watch>>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(watch) = self.0.take() {
            watch.cancel();
        }
    }
}

/// A connection taken from the pool; it goes back when dropped, even
/// when the work panics.
struct Lease {
    reader: Option<Reader>,
    readers: Arc<Readers>,
    watch: Arc<Watch>,
    /// Released after the connection is back (fields drop after `drop`).
    _turn: OwnedSemaphorePermit,
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.watch.end();
        if let Some(reader) = self.reader.take() {
            self.readers.idle().push(reader);
        }
    }
}

impl Readers {
    /// Opens `count` read-only connections to the record at `path`.
    pub(crate) fn open(path: &Path, count: usize) -> Result<Readers, annals_store::Error> {
        let readers = (0..count)
            .map(|_| {
                let store = Store::open_read_only(path)?;
                let seen = store.data_version()?;
                Ok(Reader { store, seen })
            })
            .collect::<Result<Vec<_>, annals_store::Error>>()?;
        Ok(Readers {
            idle: Mutex::new(readers),
            generation: AtomicU64::new(0),
            turns: Arc::new(Semaphore::new(count)),
            count,
        })
    }

    /// How many connections there are.
    pub(crate) fn count(&self) -> usize {
        self.count
    }

    fn idle(&self) -> MutexGuard<'_, Vec<Reader>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `work` on a connection of the record, on a blocking thread,
    /// with the record's generation.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&Store, u64) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let turn = Arc::clone(&self.turns)
            .acquire_owned()
            .await
            .map_err(|e| ApiError::internal("no reader of the record is left", &e))?;
        let Some(reader) = self.idle().pop() else {
            // A permit always stands for an idle connection.
            return Err(ApiError::internal(
                "no reader of the record is free",
                &"a turn was given without a connection",
            ));
        };
        let watch = Arc::new(Watch {
            stage: Mutex::new(Stage::Waiting),
            interrupt: reader.store.interrupt_handle(),
        });
        let mut cancel = CancelOnDrop(Some(Arc::clone(&watch)));
        let mut lease = Lease {
            reader: Some(reader),
            readers: Arc::clone(self),
            watch,
            _turn: turn,
        };
        let task = tokio::task::spawn_blocking(move || {
            if !lease.watch.begin() {
                return Err(ApiError::new(
                    axum::http::StatusCode::SERVICE_UNAVAILABLE,
                    "the request was given up",
                ));
            }
            let readers = Arc::clone(&lease.readers);
            match lease.reader.as_mut() {
                Some(reader) => {
                    let generation = reader.generation(&readers.generation)?;
                    work(&reader.store, generation)
                }
                None => Err(ApiError::internal(
                    "no reader of the record is free",
                    &"a lease without a connection",
                )),
            }
        });
        let outcome = task.await;
        // Done: nothing left to cancel.
        cancel.0 = None;
        match outcome {
            Ok(result) => result,
            Err(e) => Err(ApiError::internal("the query failed", &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn readers(count: usize) -> (tempfile::TempDir, Arc<Readers>) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("annals.db");
        drop(Store::open(&path).expect("makes an empty record"));
        let readers = Readers::open(&path, count).expect("opens");
        (dir, Arc::new(readers))
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_request_given_up_gives_its_connection_back() {
        let (_dir, readers) = readers(1);
        let slow = readers.read(|store, _| {
            std::thread::sleep(Duration::from_millis(200));
            Ok(store.count("documents")?)
        });
        assert!(tokio::time::timeout(Duration::from_millis(20), slow)
            .await
            .is_err());
        // The next request waits for the connection and gets it.
        let n = tokio::time::timeout(
            Duration::from_secs(5),
            readers.read(|store, _| Ok(store.count("documents")?)),
        )
        .await
        .expect("answers in time")
        .expect("reads");
        assert_eq!(n, 0);
        assert_eq!(readers.idle().len(), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panic_in_a_query_loses_no_connection() {
        let (_dir, readers) = readers(2);
        for _ in 0..3 {
            let failed = readers
                .read(|_, _| -> Result<(), ApiError> { panic!("a query that panics") })
                .await;
            assert_eq!(
                failed.expect_err("fails").status,
                axum::http::StatusCode::INTERNAL_SERVER_ERROR
            );
        }
        assert_eq!(readers.idle().len(), 2);
        assert!(readers.read(|s, _| Ok(s.count("events")?)).await.is_ok());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_share_the_connections() {
        let (_dir, readers) = readers(2);
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let readers = Arc::clone(&readers);
            tasks.push(tokio::spawn(async move {
                readers.read(|s, _| Ok(s.count("documents")?)).await
            }));
        }
        for t in tasks {
            assert_eq!(t.await.expect("the task ends").expect("reads"), 0);
        }
        assert_eq!(readers.idle().len(), 2);
    }
}
