//! [`Keyed`]: a value ordered by a key stored beside it, for the bounded heap that keeps
//! findings in report order.

/// `T` ordered (and compared) by `K` alone.
#[derive(Debug)]
pub(crate) struct Keyed<K, T>(pub K, pub T);

impl<K: Ord, T> PartialEq for Keyed<K, T> {
    fn eq(&self, o: &Self) -> bool {
        self.0 == o.0
    }
}
impl<K: Ord, T> Eq for Keyed<K, T> {}
impl<K: Ord, T> PartialOrd for Keyed<K, T> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl<K: Ord, T> Ord for Keyed<K, T> {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.cmp(&o.0)
    }
}
