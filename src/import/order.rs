//! Putting what an import stores into nearly sorted order with bounded memory: a window of
//! items, from which the smallest that can still continue the current sorted run leaves
//! first (replacement selection). Random input comes out in sorted runs about twice as long
//! as the window, while reading and storing keep going side by side; input in order, or in
//! reverse order, passes straight through.

use std::cmp::{Ordering, Reverse};
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashMap};

/// The most items a window holds.
const MOST: usize = 1 << 20;

/// What can order a window: a key that fits in 32 bits, in the same order.
pub trait WindowKey: Copy + Ord {
    fn bits(self) -> u32;
}

impl WindowKey for u32 {
    fn bits(self) -> u32 {
        self
    }
}

impl WindowKey for chrono::NaiveDate {
    fn bits(self) -> u32 {
        use chrono::Datelike;
        // Days from the common era, shifted so that every date's number is positive.
        (i64::from(self.num_days_from_ce()) - i64::from(i32::MIN)) as u32
    }
}

/// Items waiting in the window, with what orders them.
pub struct Runs<K, T> {
    /// What orders the waiting items: (run, key) and (arrival, slot) packed in two words,
    /// as the heap moves them at every step; each item waits in its slot.
    order: BinaryHeap<Reverse<(u64, u64)>>,
    slots: Vec<Option<(Option<i64>, T)>>,
    /// The items waiting by identity (the same post read twice), with the (run, key) they
    /// wait under and how many wait: a later one waits under the same, so leaves after.
    same: HashMap<i64, (u64, usize)>,
    free: Vec<usize>,
    size: usize,
    /// The run now leaving the window, and the key of the item that left last.
    run: u64,
    last: Option<u32>,
    key: std::marker::PhantomData<K>,
    /// Items taken so far: equal keys leave in the order they came.
    seq: u64,
    /// While the keys come in order, or in reverse order, they pass straight through:
    /// each then lands beside the one before it anyway. The direction seen so far, and
    /// whether the window is in use (from the first key that breaks it).
    direction: Option<Ordering>,
    mixed: bool,
}

impl<K: WindowKey, T> Runs<K, T> {
    /// A window of `size` items (at least one, at most about a million).
    pub fn new(size: usize) -> Runs<K, T> {
        Runs {
            order: BinaryHeap::new(),
            slots: Vec::new(),
            same: HashMap::new(),
            free: Vec::new(),
            size: size.clamp(1, MOST - 1),
            run: 0,
            last: None,
            key: std::marker::PhantomData,
            seq: 0,
            direction: None,
            mixed: false,
        }
    }

    /// Takes an item; once the window is full, gives back the one whose turn it is. Items
    /// of the same identity leave in the order they came, whatever their keys.
    pub fn push(&mut self, key: K, identity: Option<i64>, item: T) -> Option<T> {
        let key = key.bits();
        if !self.mixed {
            let step = match self.last {
                Some(last) => key.cmp(&last),
                None => Ordering::Equal,
            };
            match (step, self.direction) {
                (Ordering::Equal, _) => {}
                (step, None) => self.direction = Some(step),
                (step, Some(direction)) if step == direction => {}
                _ => self.mixed = true,
            }
            if !self.mixed {
                self.last = Some(key);
                return Some(item);
            }
            // The window starts after the last key passed.
        }
        // A key below the last one out cannot continue this run: it waits for the next.
        let run = match self.last {
            Some(last) if key < last => self.run + 1,
            _ => self.run,
        };
        let mut run_key = run << 32 | u64::from(key);
        if let Some(identity) = identity {
            let (first, waiting) = self.same.entry(identity).or_insert((run_key, 0));
            run_key = *first;
            *waiting += 1;
        }
        if self.slots.capacity() == 0 {
            // Room for the window once, not a doubling past it.
            self.slots.reserve_exact(self.size + 1);
            self.order.reserve_exact(self.size + 1);
        }
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot] = Some((identity, item));
                slot
            }
            None => {
                self.slots.push(Some((identity, item)));
                self.slots.len() - 1
            }
        };
        let ordered = (run_key, self.seq << 20 | slot as u64);
        self.order.push(Reverse(ordered));
        self.seq += 1;
        if self.order.len() <= self.size {
            return None;
        }
        self.pop()
    }

    /// Gives back the waiting item whose turn it is, before the window is full (to keep
    /// the room the items take within a budget).
    pub fn pop(&mut self) -> Option<T> {
        let Reverse((run_key, seq_slot)) = self.order.pop()?;
        let slot = (seq_slot & (MOST as u64 - 1)) as usize;
        let (identity, next) = self.slots[slot].take()?;
        self.free.push(slot);
        if let Some(identity) = identity
            && let Entry::Occupied(mut waiting) = self.same.entry(identity)
        {
            waiting.get_mut().1 -= 1;
            if waiting.get().1 == 0 {
                waiting.remove();
            }
        }
        self.run = run_key >> 32;
        self.last = Some(run_key as u32);
        Some(next)
    }

    /// Gives back what is left in the window, in order, and starts over.
    pub fn drain(&mut self) -> Vec<T> {
        let mut left = Vec::with_capacity(self.order.len());
        while let Some(Reverse((_, seq_slot))) = self.order.pop() {
            let waiting = self.slots[(seq_slot & (MOST as u64 - 1)) as usize].take();
            left.extend(waiting.map(|(_, item)| item));
        }
        *self = Runs::new(self.size);
        left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn through(size: usize, keys: &[u32]) -> Vec<(u32, usize)> {
        let mut runs = Runs::new(size);
        let mut out = Vec::new();
        for (i, &key) in keys.iter().enumerate() {
            out.extend(runs.push(key, None, (key, i)));
        }
        out.extend(runs.drain());
        out
    }

    /// Lengths of the ascending stretches of `out`.
    fn run_lengths(out: &[(u32, usize)]) -> Vec<usize> {
        let mut lengths = vec![1];
        for pair in out.windows(2) {
            if pair[1].0 < pair[0].0 {
                lengths.push(1);
            } else {
                *lengths.last_mut().unwrap() += 1;
            }
        }
        lengths
    }

    #[test]
    fn sorted_input_comes_out_as_it_went_in() {
        let keys: Vec<u32> = (0..1000).collect();
        let out = through(16, &keys);
        assert_eq!(out.iter().map(|&(k, _)| k).collect::<Vec<_>>(), keys);
    }

    #[test]
    fn input_in_order_or_reverse_order_passes_straight_through() {
        for keys in [[1, 1, 2, 5, 5, 9], [9, 5, 5, 2, 1, 1]] {
            let mut runs = Runs::new(4);
            for key in keys {
                assert_eq!(runs.push(key, None, key), Some(key));
            }
            assert!(runs.drain().is_empty());
        }
    }

    #[test]
    fn the_window_starts_at_the_first_key_out_of_order() {
        let mut runs = Runs::new(2);
        assert_eq!(runs.push(1, None, 'a'), Some('a'));
        assert_eq!(runs.push(3, None, 'b'), Some('b'));
        assert_eq!(runs.push(2, None, 'c'), None); // below 3: waits for the next run
        assert_eq!(runs.push(4, None, 'd'), None);
        assert_eq!(runs.push(5, None, 'e'), Some('d')); // the run after 3 goes on
        assert_eq!(runs.drain(), vec!['e', 'c']);
    }

    #[test]
    fn the_same_identity_leaves_in_the_order_it_came_whatever_its_key() {
        let mut runs = Runs::new(8);
        let mut out = Vec::new();
        for (key, identity, item) in [
            (5, None, 'a'),
            (9, None, 'b'),
            (1, None, 'c'),
            (7, Some(42), 'd'),
            (3, Some(42), 'e'),
            (2, None, 'f'),
        ] {
            out.extend(runs.push(key, identity, item));
        }
        out.extend(runs.drain());
        // 'e' (key 3) waits behind 'd' (key 7), the same post read before it.
        assert_eq!(out, ['a', 'b', 'c', 'f', 'd', 'e']);
    }

    #[test]
    fn an_item_may_leave_before_the_window_is_full() {
        let mut runs = Runs::new(8);
        for (key, item) in [(5, 'a'), (9, 'b'), (1, 'c'), (7, 'd')] {
            runs.push(key, None, item);
        }
        // 'a' and 'b' passed straight through; 'c' and 'd' wait for the run after 9.
        assert_eq!(runs.pop(), Some('c'));
        assert_eq!(runs.drain(), vec!['d']);
        assert_eq!(runs.pop(), None);
    }

    #[test]
    fn random_input_comes_out_in_runs_longer_than_the_window() {
        // A fixed pseudo-random sequence (a linear congruential generator).
        let mut x: u64 = 15;
        let keys: Vec<u32> = (0..100_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 40) as u32
            })
            .collect();
        let out = through(1000, &keys);
        let lengths = run_lengths(&out);
        let average = out.len() / lengths.len();
        assert!(average >= 1500, "runs of {average} on average");
    }

    proptest! {
        #[test]
        fn the_same_identity_always_leaves_in_the_order_it_came(
            size in 1usize..20,
            items in proptest::collection::vec((0u32..50, proptest::option::of(0i64..10)), 0..300),
        ) {
            let mut runs = Runs::new(size);
            let mut out = Vec::new();
            for (i, &(key, identity)) in items.iter().enumerate() {
                out.extend(runs.push(key, identity, (identity, i)));
            }
            out.extend(runs.drain());
            prop_assert_eq!(out.len(), items.len());
            for (i, &(identity, at)) in out.iter().enumerate() {
                for &(other, before) in &out[i + 1..] {
                    prop_assert!(identity.is_none() || other != identity || before > at);
                }
            }
        }

        #[test]
        fn everything_comes_out_once_and_equal_keys_in_the_order_they_came(
            size in 1usize..20,
            keys in proptest::collection::vec(0u32..50, 0..300),
        ) {
            let out = through(size, &keys);
            let mut seen: Vec<usize> = out.iter().map(|&(_, i)| i).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..keys.len()).collect::<Vec<_>>());
            for (i, &(key, at)) in out.iter().enumerate() {
                prop_assert_eq!(key, keys[at]);
                // An equal key that came earlier has left earlier.
                for &(other, before) in &out[i + 1..] {
                    prop_assert!(!(other == key && before < at), "{key}: {before} after {at}");
                }
            }
        }
    }
}
