//! Candidate retrieval: exact and fuzzy key lookups over the index's FSTs.
