//! Scoring a query against a candidate's names.
