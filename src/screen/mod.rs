//! Batch screening: rows of a spreadsheet in, one result per row out.
