//! The terminal progress bar: [`Bar`] wraps indicatif behind the library's
//! [`Progress`] trait and hides itself when stderr is not a terminal, when `TERM` is dumb, or
//! when the user asked for quiet.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reprint_core::Progress;
use std::sync::Mutex;
use std::time::Duration;

/// Writes `line` and a line feed to stderr. A closed or full stderr (`2>&1 >/dev/null | head
/// -2`) is ignored: there is nowhere left to say so, and a message must never stop the run (the
/// standard library's `eprintln!` panics there).
pub fn to_stderr(line: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// An indicatif progress bar on stderr.
pub struct Bar {
    bar: ProgressBar,
    articles: Mutex<u64>,
    /// The line's layout, chosen for the terminal's width so that the line never wraps.
    layout: Layout,
}

/// What the progress line holds, by terminal width: a wrapped progress line repeats itself on
/// every redraw, so narrower terminals get fewer fields rather than a broken line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// Bytes, rate, articles per second and ETA (at least [`FULL_COLUMNS`] columns).
    Full,
    /// The bar, a percentage and the article count (at least [`BAR_COLUMNS`]).
    Compact,
    /// The stage and a percentage.
    Minimal,
}

/// Columns the full line needs: its fixed fields at their widest (`1023.99 GiB/1023.99 GiB`,
/// `1023.99 MiB/s`, `12345678 articles (123456/s)`, `ETA 59m`) take 94, the bar the rest.
const FULL_COLUMNS: u16 = 120;
/// Columns the compact line needs: 39 of fixed fields and a bar of at least ten.
const BAR_COLUMNS: u16 = 50;

impl Layout {
    fn for_width(columns: u16) -> Layout {
        if columns >= FULL_COLUMNS {
            Layout::Full
        } else if columns >= BAR_COLUMNS {
            Layout::Compact
        } else {
            Layout::Minimal
        }
    }

    /// The template of a stage with a known total.
    fn template(self) -> &'static str {
        match self {
            Layout::Full => {
                "{prefix:>12.cyan.bold} [{wide_bar}] {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}"
            }
            Layout::Compact => "{prefix:>12.cyan.bold} [{wide_bar}] {percent:>3}% {msg}",
            Layout::Minimal => "{prefix:>12.cyan.bold} {percent:>3}%",
        }
    }

    /// The template of a stage of unknown length.
    fn spinner(self) -> &'static str {
        match self {
            Layout::Minimal => "{prefix:>12.cyan.bold} {spinner} {elapsed}",
            _ => "{prefix:>12.cyan.bold} {spinner} {msg} {elapsed}",
        }
    }
}

impl Bar {
    /// A bar on stderr; hidden when `enabled` is false or stderr is not a terminal.
    pub fn new(enabled: bool) -> Bar {
        let target = if enabled {
            ProgressDrawTarget::stderr_with_hz(8)
        } else {
            ProgressDrawTarget::hidden()
        };
        let columns = terminal_size::terminal_size_of(std::io::stderr())
            .map_or(80, |(terminal_size::Width(w), _)| w);
        Bar::with_target(target, columns)
    }

    /// A bar drawn on `target`, laid out for `columns`.
    fn with_target(target: ProgressDrawTarget, columns: u16) -> Bar {
        Bar {
            bar: ProgressBar::with_draw_target(None, target),
            articles: Mutex::new(0),
            layout: Layout::for_width(columns),
        }
    }

    /// Prints a line above the bar (or plainly when hidden).
    /// Each of its lines is shown as one inert line ([`reprint_report::safe::line`]): messages
    /// quote file names, ids and outlets from the corpus, and stderr reaches terminals and CI
    /// logs too, so no control character passes and no line can start a workflow command.
    pub fn println(&self, text: &str) {
        let line = reprint_report::safe::lines(text);
        if self.bar.is_hidden() {
            to_stderr(&line);
        } else {
            self.bar.suspend(|| to_stderr(&line));
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
                    ProgressStyle::with_template(self.layout.template())
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                );
            }
            None => {
                self.bar.set_style(
                    ProgressStyle::with_template(self.layout.spinner())
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
            self.bar.set_message(match self.layout {
                Layout::Full => format!("{} articles ({:.0}/s)", *n, *n as f64 / secs),
                _ => format!("{} articles", *n),
            });
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicatif::TermLike;
    use std::io;
    use std::sync::Arc;

    /// A terminal of a given width that keeps the widest line drawn on it.
    #[derive(Debug)]
    struct Recorder {
        columns: u16,
        widest: Mutex<usize>,
    }

    impl Recorder {
        fn record(&self, s: &str) {
            let plain: String = strip_styles(s);
            let w = unicode_width::UnicodeWidthStr::width(plain.as_str());
            if let Ok(mut m) = self.widest.lock() {
                *m = (*m).max(w);
            }
        }
    }

    /// The text without ANSI style sequences.
    fn strip_styles(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    impl TermLike for Recorder {
        fn width(&self) -> u16 {
            self.columns
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.record(s);
            Ok(())
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            self.record(s);
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    #[derive(Debug)]
    struct Shared(Arc<Recorder>);

    impl TermLike for Shared {
        fn width(&self) -> u16 {
            self.0.width()
        }
        fn move_cursor_up(&self, n: usize) -> io::Result<()> {
            self.0.move_cursor_up(n)
        }
        fn move_cursor_down(&self, n: usize) -> io::Result<()> {
            self.0.move_cursor_down(n)
        }
        fn move_cursor_right(&self, n: usize) -> io::Result<()> {
            self.0.move_cursor_right(n)
        }
        fn move_cursor_left(&self, n: usize) -> io::Result<()> {
            self.0.move_cursor_left(n)
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.0.write_line(s)
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            self.0.write_str(s)
        }
        fn clear_line(&self) -> io::Result<()> {
            self.0.clear_line()
        }
        fn flush(&self) -> io::Result<()> {
            self.0.flush()
        }
    }

    #[test]
    fn progress_lines_fit_the_terminal() {
        for columns in [30u16, 60, 80, 100, 119, 120, 200] {
            let rec = Arc::new(Recorder {
                columns,
                widest: Mutex::new(0),
            });
            let target = ProgressDrawTarget::term_like(Box::new(Shared(rec.clone())));
            let bar = Bar::with_target(target, columns);
            bar.stage("decode+hash", Some(1_099_511_627_776));
            // Large figures: a terabyte read, millions of articles.
            bar.advance(1_000_000_000_000, 12_345_678);
            bar.bar.tick();
            bar.stage("cluster", None);
            bar.bar.tick();
            let widest = *rec.widest.lock().unwrap();
            assert!(widest > 0, "nothing drawn at {columns}");
            assert!(
                widest <= columns as usize,
                "{widest} columns drawn on {columns}"
            );
        }
    }
}
