//! Quotemark app (placeholder while the foundation is laid).
