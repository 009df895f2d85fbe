//! The model file: tagger, lemmatizer and parser in one versioned, checksummed binary.
//!
//! Layout: magic `DYADNLP\0`, format version (u32 LE), payload length (u64 LE), CRC-32 of the
//! payload (u32 LE), then the payload: the tagger, lemmatizer and parser sections. The payload
//! is not compressed: its weights are already compact (delta-coded keys, 16-bit weights), and
//! decompressing would cost more load time than it saves space. A file that is truncated, corrupted or of another version is refused with a
//! message saying which.

use crate::binio::{Reader, Writer};
use crate::error::{FormatError, ModelError};
use crate::lemma::Lemmatizer;
use crate::lstm::LstmParser;
use crate::parser::{Parse, Parser};
use crate::tagger::Tagger;
use crate::words::{word_feats, WordFeats};
use dyad_core::Upos;

/// The first bytes of every model file.
pub(crate) const MAGIC: &[u8; 8] = b"DYADNLP\0";
/// The model format this build reads and writes; a change of any section's layout bumps it.
pub const VERSION: u32 = 5;
const HEADER: usize = 8 + 4 + 8 + 4;

/// A decoded model: what [`crate::Nlp`] runs on each sentence.
pub struct Model {
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: AnyParser,
}

/// The parser section: sparse perceptron or LSTM network, told apart by a kind number.
pub(crate) enum AnyParser {
    Perceptron(Parser),
    Lstm(Box<LstmParser>),
}

impl AnyParser {
    pub fn parse(&self, words: &[WordFeats], tags: &[u16]) -> Parse {
        match self {
            AnyParser::Perceptron(p) => p.parse(words, tags),
            AnyParser::Lstm(p) => p.parse(words, tags),
        }
    }

    pub fn labels(&self) -> &[String] {
        match self {
            AnyParser::Perceptron(p) => &p.labels,
            AnyParser::Lstm(p) => &p.labels,
        }
    }

    fn write(&self, out: &mut Writer) {
        match self {
            AnyParser::Perceptron(p) => {
                out.varint(0);
                p.write(out);
            }
            AnyParser::Lstm(p) => {
                out.varint(1);
                p.write(out);
            }
        }
    }

    fn read(input: &mut Reader) -> Result<AnyParser, FormatError> {
        match input.varint()? {
            0 => Ok(AnyParser::Perceptron(Parser::read(input)?)),
            1 => Ok(AnyParser::Lstm(Box::new(LstmParser::read(input)?))),
            k => Err(FormatError::ParserKind(k)),
        }
    }
}

/// The analysis of one sentence of words.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Universal part-of-speech tag of each word.
    pub upos: Vec<Upos>,
    /// Penn Treebank tag of each word.
    pub xpos: Vec<String>,
    /// Lemma of each word.
    pub lemmas: Vec<String>,
    /// 1-based heads, 0 for the root.
    pub heads: Vec<u32>,
    /// UD relation of each word to its head (`root` for the root).
    pub deprels: Vec<String>,
}

impl Model {
    /// Tag one sentence of words: each word's tagger class, and the word features the parser
    /// reads too ([`Model::parse_tagged`]).
    pub(crate) fn tag(&self, words: &[&str]) -> (Vec<u16>, Vec<WordFeats>) {
        let mut buf = String::new();
        let feats: Vec<WordFeats> = words.iter().map(|w| word_feats(w, &mut buf)).collect();
        let mut tags = Vec::with_capacity(words.len());
        self.tagger.tag(&feats, &mut tags);
        (tags, feats)
    }

    /// Tag again with some words' classes given ([`Tagger::tag_with`]).
    pub(crate) fn retag(&self, feats: &[WordFeats], given: &[Option<u16>]) -> Vec<u16> {
        let mut tags = Vec::with_capacity(feats.len());
        self.tagger.tag_with(feats, given, &mut tags);
        tags
    }

    /// The class of universal tag `upos` with treebank tag `xpos`, if the tagger has one.
    pub(crate) fn class_of(&self, upos: dyad_core::Upos, xpos: &str) -> Option<u16> {
        self.tagger.classes.iter().position(|c| c.upos == upos && c.xpos == xpos).map(|i| i as u16)
    }

    /// The universal tag, treebank tag and lemma of each word, given the classes [`Model::tag`]
    /// gave them.
    pub(crate) fn tags_and_lemmas(&self, words: &[&str], tags: &[u16]) -> Vec<(Upos, String, String)> {
        let classes = &self.tagger.classes;
        words
            .iter()
            .zip(tags)
            .map(|(w, &t)| {
                let c = &classes[t as usize];
                (c.upos, c.xpos.clone(), self.lemmatizer.lemma(w, c.upos, &c.xpos))
            })
            .collect()
    }

    /// Parse one sentence already tagged by [`Model::tag`] (its features and classes): 1-based
    /// heads (0 for the root) and relations. The same parse as [`Model::analyse`] gives.
    pub(crate) fn parse_tagged(&self, feats: &[WordFeats], tags: &[u16]) -> (Vec<u32>, Vec<String>) {
        let parse = self.parser.parse(feats, tags);
        let labels = parse.labels.iter().map(|&l| self.parser.labels()[l as usize].clone()).collect();
        (parse.heads, labels)
    }

    /// Tag, lemmatise and parse one sentence of words.
    pub fn analyse(&self, words: &[&str]) -> Analysis {
        let mut buf = String::new();
        let feats: Vec<WordFeats> = words.iter().map(|w| word_feats(w, &mut buf)).collect();
        let mut tags = Vec::with_capacity(words.len());
        self.tagger.tag(&feats, &mut tags);
        let parse = self.parser.parse(&feats, &tags);
        let classes = &self.tagger.classes;
        Analysis {
            upos: tags.iter().map(|&t| classes[t as usize].upos).collect(),
            xpos: tags.iter().map(|&t| classes[t as usize].xpos.clone()).collect(),
            lemmas: words
                .iter()
                .zip(&tags)
                .map(|(w, &t)| {
                    let c = &classes[t as usize];
                    self.lemmatizer.lemma(w, c.upos, &c.xpos)
                })
                .collect(),
            heads: parse.heads,
            deprels: parse.labels.iter().map(|&l| self.parser.labels()[l as usize].clone()).collect(),
        }
    }

    /// The model file's bytes: header, checksum and payload.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut body = Writer::default();
        self.tagger.write(&mut body);
        self.lemmatizer.write(&mut body);
        self.parser.write(&mut body);
        let payload = body.into_bytes();
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc32(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Decode a model file's bytes; `what` names the file in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Model, ModelError> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(ModelError::NotAModel { what: what.to_string(), len: bytes.len() });
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version != VERSION {
            return Err(ModelError::Version { what: what.to_string(), found: version, expected: VERSION });
        }
        let len = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
        let payload = &bytes[HEADER..];
        if payload.len() as u64 != len {
            return Err(ModelError::Truncated {
                what: what.to_string(),
                got: payload.len() as u64,
                expected: len,
            });
        }
        if crc32(payload).to_le_bytes() != bytes[20..24] {
            return Err(ModelError::Checksum { what: what.to_string() });
        }
        let mut r = Reader::new(payload);
        let err = |problem| ModelError::Format { what: what.to_string(), problem };
        let tagger = Tagger::read(&mut r).map_err(err)?;
        let lemmatizer = Lemmatizer::read(&mut r).map_err(err)?;
        let parser = AnyParser::read(&mut r).map_err(err)?;
        if !r.is_at_end() {
            return Err(ModelError::TrailingData { what: what.to_string() });
        }
        Ok(Model { tagger, lemmatizer, parser })
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}
