//! parks
