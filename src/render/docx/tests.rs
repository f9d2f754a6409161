//! Unit tests of the Markdown -> DOCX converter, one Markdown construct at a time.
