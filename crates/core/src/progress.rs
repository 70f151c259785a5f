//! Progress reporting. Stages report through the [`Progress`] trait and never print; drawing
//! is the binary's business (its progress bar implements this trait).

/// Receives progress from the pipeline. Implementations must be cheap: `advance` is called
/// once per batch of records, not per paragraph.
pub trait Progress: Sync {
    /// A new stage begins; `total` is its size in bytes when known.
    fn stage(&self, name: &str, total: Option<u64>);
    /// `bytes` more of the stage are done, and `articles` more articles.
    fn advance(&self, bytes: u64, articles: u64);
    /// All stages are done.
    fn finish(&self);
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64, _: u64) {}
    fn finish(&self) {}
}
