//! Reading and storing side by side: a parser runs on a second thread and hands what it
//! reads, in order and in small batches, to the thread that stores it. Memory stays bounded:
//! at most `DEPTH` batches of `BATCH` items wait between the two.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use super::post::ReadError;

/// Items handed over at a time.
const BATCH: usize = 256;
/// Batches that may wait before the parser pauses.
const DEPTH: usize = 8;

/// Takes one item from the parser; an error means: stop reading.
pub type Handover<'a, T> = dyn FnMut(T) -> anyhow::Result<()> + 'a;

/// The storing side hung up, so the parser stops; the storing side's error is reported.
#[derive(Debug, thiserror::Error)]
#[error("the import stopped")]
struct Stopped;

/// Runs `produce` on a second thread and gives what it sends to `consume` on this one, in
/// the order sent. The first error wins: a failure of `consume` stops `produce`; a failure
/// of `produce` is returned once everything it sent before has been consumed.
pub fn pipelined<T: Send>(
    produce: impl FnOnce(&mut Handover<'_, T>) -> Result<(), ReadError> + Send,
    mut consume: impl FnMut(T) -> anyhow::Result<()>,
) -> Result<(), ReadError> {
    let (sender, receiver) = mpsc::sync_channel::<Vec<T>>(DEPTH);
    // Set when storing fails, so that the parser stops at its next item, not its next batch.
    let stopped = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let stopped = &stopped;
        let producer = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let result = produce(&mut |item| {
                if stopped.load(Ordering::Relaxed) {
                    return Err(Stopped.into());
                }
                batch.push(item);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    sender.send(full).map_err(|_| Stopped)?;
                }
                Ok(())
            });
            if !batch.is_empty() {
                // A hang-up here means the storing side failed; it reports why.
                let _ = sender.send(batch);
            }
            result
        });
        let mut failed = None;
        'batches: for batch in receiver.iter() {
            for item in batch {
                if let Err(err) = consume(item) {
                    stopped.store(true, Ordering::Relaxed);
                    failed = Some(err);
                    break 'batches;
                }
            }
        }
        drop(receiver); // a parser waiting to send now stops
        let produced = match producer.join() {
            Ok(produced) => produced,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match failed {
            Some(err) => Err(ReadError::Failed(err)),
            None => produced,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_arrives_in_order() {
        let mut seen = Vec::new();
        pipelined(
            |send| {
                for i in 0..10_000 {
                    send(i).map_err(ReadError::Failed)?;
                }
                Ok(())
            },
            |i| {
                seen.push(i);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..10_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_storing_failure_stops_the_parser_and_is_reported() {
        let mut produced = 0;
        let result = pipelined(
            |send| {
                for i in 0..1_000_000 {
                    produced = i;
                    send(i).map_err(ReadError::Failed)?;
                }
                Ok(())
            },
            |i| {
                anyhow::ensure!(i < 1000, "cannot store {i}");
                Ok(())
            },
        );
        match result {
            Err(ReadError::Failed(err)) => assert_eq!(err.to_string(), "cannot store 1000"),
            other => panic!("{other:?}"),
        }
        assert!(produced < 1000 + BATCH * (DEPTH + 2), "{produced}");
    }

    #[test]
    fn after_a_storing_failure_the_parser_stops_at_its_next_item() {
        let mut produced = 0;
        let refused = AtomicBool::new(false);
        let result = pipelined(
            |send| {
                for i in 0..10 * BATCH {
                    produced = i;
                    send(i).map_err(ReadError::Failed)?;
                    if i == BATCH - 1 {
                        // The first batch is on its way: wait until storing it has failed.
                        while !refused.load(Ordering::Relaxed) {
                            std::thread::yield_now();
                        }
                        std::thread::sleep(std::time::Duration::from_millis(200));
                    }
                }
                Ok(())
            },
            |i| {
                refused.store(true, Ordering::Relaxed);
                anyhow::bail!("cannot store {i}")
            },
        );
        assert!(
            matches!(result, Err(ReadError::Failed(err)) if err.to_string() == "cannot store 0")
        );
        assert_eq!(produced, BATCH, "not a whole batch later");
    }

    #[test]
    fn a_parser_failure_comes_after_what_it_sent() {
        let mut seen = 0;
        let result = pipelined(
            |send| {
                for i in 0..700 {
                    send(i).map_err(ReadError::Failed)?;
                }
                Err(ReadError::Malformed("line 701: broken".into()))
            },
            |_| {
                seen += 1;
                Ok(())
            },
        );
        assert!(matches!(result, Err(ReadError::Malformed(m)) if m == "line 701: broken"));
        assert_eq!(seen, 700);
    }
}
