//! The SQLite store. (Being written: see issue 2.)
