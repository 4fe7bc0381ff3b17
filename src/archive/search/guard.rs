//! Turning a panic inside tantivy into an error: a damaged index file can
//! make its decoders panic (an out-of-range bit width, a short block), and
//! that must become "the index is damaged, rebuilding", not a crash.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// Set while [`catch`] runs on this thread, so the panic hook stays quiet.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `work`; a panic inside it comes back as `Err(message)`, without the
/// default hook printing a backtrace notice to the user's terminal.
pub(crate) fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = CATCHING.with(|c| c.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(was));
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch(|| 7), Ok(7));
        let caught = catch(|| -> u8 { panic!("bit width 77") });
        assert_eq!(caught, Err("bit width 77".to_string()));
    }
}
