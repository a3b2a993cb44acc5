//! `jobgen config` (and `new --explain`): every resolved answer and where
//! it came from.

use crate::answers;
use crate::answers::sources as config;
use crate::cli::NewArgs;
use crate::error::{Error, InvalidAnswer};
use crate::{explain, style};

/// `jobgen config` and `jobgen new --explain`: the table on stdout, then any
/// invalid answers. A missing NAME, or a missing answer to a required team
/// question, is fine here: config shows defaults.
pub fn run(args: &NewArgs) -> Result<(), Error> {
    let (layers, _) = config::from_args(args)?;
    super::speak(&layers);
    style::print_stdout(explain::table(&layers).as_bytes())?;
    match answers::validate(&layers) {
        Err(Error::Invalid(list)) => {
            let list: Vec<InvalidAnswer> = list
                .into_iter()
                .filter(|e| !((e.flag == "NAME" || e.flag.starts_with("-d ")) && e.value.is_none()))
                .collect();
            if list.is_empty() {
                Ok(())
            } else {
                Err(Error::Invalid(list))
            }
        }
        other => other.map(drop),
    }
}
