//! Parts of the command line beyond clap's definition in `main.rs`: team settings files.
//! Not part of the library: they read `check`'s clap definition, which lives in the binary.

pub mod settings;
