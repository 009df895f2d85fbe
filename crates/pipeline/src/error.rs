//! Why a pipeline could not be built: a stage order the layers do not allow, a stage named
//! that the pipeline does not have, or a stage's resources that failed to load.

use dyad_core::Layer;

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// A stage reads a layer that neither the reader nor an earlier stage fills: add the stage
    /// that fills it before this one.
    #[error(
        "stage {stage:?} needs the {layer:?} layer, which neither the reader nor an earlier stage provides"
    )]
    MissingLayer {
        /// The stage that reads the layer.
        stage: &'static str,
        /// The layer nothing fills before it.
        layer: Layer,
    },
    /// A stage reads a layer that a later stage fills: move the provider before it.
    #[error("stage {stage:?} reads the {layer:?} layer, which stage {provider:?} fills only after it")]
    LayerTooLate {
        /// The stage that reads the layer.
        stage: &'static str,
        /// The layer it reads.
        layer: Layer,
        /// The later stage that fills it.
        provider: &'static str,
    },
    /// `without` names a stage the default set does not have.
    #[error("cannot leave out stage {0:?}: the default set has no such stage")]
    NoSuchStage(String),
    /// `until` names a stage or layer the pipeline does not have.
    #[error("cannot stop after {0}: no stage of the pipeline is or provides it")]
    NoSuchStop(String),
    /// A user's dictionary directory holds a file that cannot be used (its name says nothing
    /// of what it holds, or a line is bad): the message names the file and line.
    #[error("{0}")]
    Dictionary(#[from] crate::DictionaryError),
    /// A stage's resources could not be loaded.
    #[error("loading {what}: {source}")]
    Load {
        /// What was being loaded ("the verb dictionary").
        what: &'static str,
        /// Why it failed.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}
