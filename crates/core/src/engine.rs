//! The configuration with its data files compiled, resolved once per run and passed to every
//! stage that needs more than plain settings: the cue lexicon, the outlet list and the MinHash
//! permutations.

use crate::classify::cues::Lexicon;
use crate::config::Config;
use crate::error::Result;
use crate::fingerprint::MinHasher;
use crate::provenance::OutletLexicon;

/// The configuration and compiled data files, resolved once.
#[derive(Clone, Debug)]
pub struct Engine {
    /// The configuration.
    pub config: Config,
    /// The cue lexicon.
    pub cues: Lexicon,
    /// The outlet list.
    pub outlets: OutletLexicon,
    /// The MinHash permutations.
    pub minhash: MinHasher,
    /// The site-junk rules.
    pub junk: crate::classify::junk::JunkDetector,
}

impl Engine {
    /// Compiles the data files the config names (or the built-in ones).
    pub fn new(config: Config) -> Result<Engine> {
        let cues = match &config.cues.path {
            Some(p) => Lexicon::from_file(p)?,
            None => Lexicon::builtin(),
        };
        let outlets = match &config.provenance.outlets {
            Some(p) => OutletLexicon::from_file(p)?,
            None => OutletLexicon::builtin(),
        };
        let f = &config.fingerprint;
        let minhash = MinHasher::new(f.bands, f.rows, f.shingle);
        Ok(Engine {
            config,
            cues,
            outlets,
            minhash,
            junk: crate::classify::junk::JunkDetector::default(),
        })
    }
}
