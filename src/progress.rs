//! A progress bar for long runs: drawn on a terminal only, and only once a
//! run has taken a second, so quick builds, pipes and logs get just the
//! one-line summary.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before it shows a bar.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Reports how far a build or an import has got. Cheap to clone and to
/// advance from many threads; hidden does nothing at all.
#[derive(Clone, Default)]
pub struct Progress {
    bar: Option<Arc<Bar>>,
}

struct Bar {
    bar: ProgressBar,
    started: Instant,
    show_after: Duration,
    shown: AtomicBool,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.bar.is_some() {
            "Progress(terminal)"
        } else {
            "Progress(hidden)"
        })
    }
}

impl Progress {
    /// No bar: for `--quiet` and for callers that print their own.
    pub fn hidden() -> Self {
        Progress { bar: None }
    }

    /// A bar on standard error when it is a terminal; hidden otherwise.
    /// `BRIEFING_PROGRESS_AFTER_MS` changes the one-second wait (for
    /// recording a session, and for the tests that check the bar).
    pub fn on_terminal() -> Self {
        if !std::io::stderr().is_terminal() {
            return Self::hidden();
        }
        let show_after = std::env::var("BRIEFING_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(Duration::from_millis)
            .unwrap_or(SHOW_AFTER);
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Progress {
            bar: Some(Arc::new(Bar {
                bar,
                started: Instant::now(),
                show_after,
                shown: AtomicBool::new(false),
            })),
        }
    }

    /// Starts a step of `total` units ("Reading" 10,000 files).
    pub fn step(&self, name: &'static str, total: usize) {
        if let Some(bar) = &self.bar {
            bar.bar.set_position(0);
            bar.bar.set_length(total as u64);
            bar.bar.set_message(name);
            bar.reveal_when_due();
        }
    }

    /// One more unit done.
    pub fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.bar.inc(1);
            bar.reveal_when_due();
        }
    }

    /// Clears the bar, so the summary that follows stands alone.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.bar.finish_and_clear();
        }
    }
}

impl Bar {
    fn reveal_when_due(&self) {
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= self.show_after
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}
