//! A user's own dictionaries, read from a directory at code time (`dyad code --dictionaries
//! DIR`, `docs/dictionaries.md`). Each file directly in the directory is recognised by its
//! name; subdirectories and names starting with `.` are passed over. The files are added to
//! the shipped dictionaries, the user's entry winning a conflict, or used alone
//! ([`crate::PipelineBuilder::without_default_dictionaries`]).

use dyad_actors::{ActorTagger, PetrarchActors};
use dyad_coder::{Coder, CoderError, UserFileKind};
use std::path::{Path, PathBuf};

/// Why a user's dictionary directory cannot be used. Each variant names the file, and a bad
/// line its line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DictionaryError {
    /// The directory cannot be listed (missing, not a directory, unreadable).
    #[error("cannot read the dictionary directory {}: {source}", dir.display())]
    Dir {
        /// The directory as given.
        dir: PathBuf,
        /// Why listing it failed.
        source: std::io::Error,
    },
    /// A file of the directory cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why reading it failed.
        source: std::io::Error,
    },
    /// A file whose name says nothing of what it holds.
    #[error(
        "{}: not a dictionary file name dyad knows; name a PETRARCH/TABARI file *verbs* or \
         *verbpatterns* (verb dictionary), *actors*, *agents* or *discards*, or a file of dyad's \
         own format {} (docs/dictionaries.md)",
        path.display(),
        known_names()
    )]
    UnknownFile {
        /// The file.
        path: PathBuf,
    },
    /// An actor or agent file with a bad line (the message names file and line).
    #[error("{0}")]
    Actors(#[from] dyad_actors::Error),
    /// A verb dictionary, verb-on-verb rule table, event-noun table or discard list with a bad
    /// line (the message names file and line).
    #[error("{0}")]
    Verbs(#[from] CoderError),
}

/// dyad's own file names a directory may hold, for messages.
fn known_names() -> String {
    let mut names: Vec<&str> = ActorTagger::file_names().to_vec();
    names.extend(["transforms.tsv", "nouns.tsv"]);
    names.join(", ")
}

/// What a file holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One of dyad's actor files (`countries.tsv`, `people.tsv`, …).
    DyadActors,
    /// A PETRARCH actor file (`*actors*`).
    PetrarchActors,
    /// A PETRARCH agent file (`*agents*`).
    PetrarchAgents,
    /// Read by the coder.
    Coder(UserFileKind),
}

/// The kind of the file named `name`: dyad's exact names first (so `agents.tsv` is dyad's
/// agent table, `dyad.verbs.txt` a verb dictionary), then the PETRARCH name parts, compared
/// without regard to case.
fn kind_of(name: &str) -> Option<Kind> {
    if ActorTagger::file_names().contains(&name) {
        return Some(Kind::DyadActors);
    }
    match name {
        "transforms.tsv" => return Some(Kind::Coder(UserFileKind::Transforms)),
        "nouns.tsv" => return Some(Kind::Coder(UserFileKind::Nouns)),
        _ => {}
    }
    let lower = name.to_lowercase();
    if lower.contains("verbpatterns") || lower.contains("verbs") {
        Some(Kind::Coder(UserFileKind::Verbs))
    } else if lower.contains("discards") {
        Some(Kind::Coder(UserFileKind::Discards))
    } else if lower.contains("agents") {
        Some(Kind::PetrarchAgents)
    } else if lower.contains("actors") {
        Some(Kind::PetrarchActors)
    } else {
        None
    }
}

/// A user's dictionary directory, its files read and sorted by kind. Building the stages from
/// it ([`crate::PipelineBuilder::dictionaries`]) checks dyad-format files against the shipped
/// ones (an office may name a shipped person), so some bad lines surface only then.
#[derive(Debug, Default)]
pub struct UserDictionaries {
    /// dyad-format actor files: (path shown, file name, contents).
    actors: Vec<(String, String, String)>,
    /// PETRARCH actor and agent files, read.
    petrarch: Option<PetrarchActors>,
    /// Files for the coder: (kind, path shown, contents).
    coder: Vec<(UserFileKind, String, String)>,
    /// Every file read, in name order, for messages.
    files: Vec<PathBuf>,
}

impl UserDictionaries {
    /// Read every file directly in `dir` (not its subdirectories; names starting with `.` are
    /// passed over), in name order. A name that says nothing of what the file holds is
    /// [`DictionaryError::UnknownFile`]; a PETRARCH actor or agent file with a bad line fails
    /// here, naming the file and line.
    pub fn read_dir(dir: &Path) -> Result<UserDictionaries, DictionaryError> {
        let dir_err = |source| DictionaryError::Dir { dir: dir.to_path_buf(), source };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(dir_err)? {
            let entry = entry.map_err(dir_err)?;
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            // `metadata` follows links: a link to a file is a file.
            if hidden || !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                continue;
            }
            paths.push(path);
        }
        paths.sort();
        let mut d = UserDictionaries::default();
        let mut petrarch = PetrarchActors::default();
        let mut any_petrarch = false;
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let kind = kind_of(&name).ok_or_else(|| DictionaryError::UnknownFile { path: path.clone() })?;
            let text = || {
                let bytes = std::fs::read(&path)
                    .map_err(|source| DictionaryError::Read { path: path.clone(), source })?;
                Ok::<_, DictionaryError>(String::from_utf8_lossy(&bytes).into_owned())
            };
            let shown = path.display().to_string();
            match kind {
                Kind::DyadActors => d.actors.push((shown, name, text()?)),
                Kind::PetrarchActors => {
                    petrarch.read_actors_file(&path)?;
                    any_petrarch = true;
                }
                Kind::PetrarchAgents => {
                    petrarch.read_agents_file(&path)?;
                    any_petrarch = true;
                }
                Kind::Coder(k) => d.coder.push((k, shown, text()?)),
            }
            d.files.push(path);
        }
        d.petrarch = any_petrarch.then_some(petrarch);
        Ok(d)
    }

    /// The files read, in name order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The actor stage: the user's dyad-format files over the shipped dictionaries (or alone),
    /// with the user's PETRARCH actors matched over them (their mentions replace overlapping
    /// ones). Without defaults and without dyad-format files, PETRARCH's actors alone.
    pub(crate) fn actor_tagger(&mut self, with_defaults: bool) -> Result<ActorTagger, DictionaryError> {
        let petrarch = self.petrarch.take().filter(|p| !p.has_no_actors());
        if let (Some(p), true, false) = (&petrarch, self.actors.is_empty(), with_defaults) {
            return Ok(ActorTagger::from_petrarch(p.clone()));
        }
        let mut tagger = ActorTagger::load_layered(&self.actors, with_defaults)?;
        if let Some(p) = petrarch {
            tagger = tagger.with_petrarch(p);
        }
        Ok(tagger)
    }

    /// The coder: the user's verb-side files over the shipped ones (or alone).
    pub(crate) fn coder(&self, with_defaults: bool) -> Result<Coder, DictionaryError> {
        Ok(Coder::load_layered(&self.coder, with_defaults)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_choose_the_reader() {
        assert_eq!(kind_of("people.tsv"), Some(Kind::DyadActors));
        assert_eq!(kind_of("agents.tsv"), Some(Kind::DyadActors));
        assert_eq!(kind_of("dyad.verbs.txt"), Some(Kind::Coder(UserFileKind::Verbs)));
        assert_eq!(kind_of("CAMEO.verbpatterns.150430.txt"), Some(Kind::Coder(UserFileKind::Verbs)));
        assert_eq!(kind_of("Phoenix.Countries.actors.txt"), Some(Kind::PetrarchActors));
        assert_eq!(kind_of("Phoenix.agents.txt"), Some(Kind::PetrarchAgents));
        assert_eq!(kind_of("PETR.Validate.discards.txt"), Some(Kind::Coder(UserFileKind::Discards)));
        assert_eq!(kind_of("transforms.tsv"), Some(Kind::Coder(UserFileKind::Transforms)));
        assert_eq!(kind_of("notes.txt"), None);
        assert_eq!(kind_of("appraisal.tsv"), None);
    }
}
