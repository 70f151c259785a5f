//! The terminal progress bar: [`Bar`] wraps indicatif behind the library's
//! [`Progress`] trait and hides itself when stderr is not a terminal, when `TERM` is dumb, or
//! when the user asked for quiet.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reprint_core::progress::Progress;
use std::sync::Mutex;
use std::time::Duration;

/// An indicatif progress bar on stderr.
pub struct Bar {
    bar: ProgressBar,
    articles: Mutex<u64>,
}

impl Bar {
    /// A bar on stderr; hidden when `enabled` is false or stderr is not a terminal.
    pub fn new(enabled: bool) -> Bar {
        let target = if enabled {
            ProgressDrawTarget::stderr_with_hz(8)
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        Bar {
            bar,
            articles: Mutex::new(0),
        }
    }

    /// Prints a line above the bar (or plainly when hidden).
    pub fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.suspend(|| eprintln!("{line}"));
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: Option<u64>) {
        if self.bar.is_hidden() {
            return;
        }
        match total {
            Some(t) => {
                self.bar.set_length(t);
                self.bar.set_position(0);
                self.bar.set_style(
                    ProgressStyle::with_template(
                        "{prefix:>12.cyan.bold} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
            }
            None => {
                self.bar.set_style(
                    ProgressStyle::with_template(
                        "{prefix:>12.cyan.bold} {spinner} {msg} {elapsed}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                self.bar.enable_steady_tick(Duration::from_millis(120));
            }
        }
        self.bar.set_prefix(name.to_string());
        self.bar.reset_eta();
    }

    fn advance(&self, bytes: u64, articles: u64) {
        if self.bar.is_hidden() {
            return;
        }
        self.bar.inc(bytes);
        if articles > 0
            && let Ok(mut n) = self.articles.lock()
        {
            *n += articles;
            let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
            self.bar
                .set_message(format!("{} articles ({:.0}/s)", *n, *n as f64 / secs));
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
