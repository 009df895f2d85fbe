//! `dyad bench SUITE`: speed benchmarks, single thread, median of several runs. One module per
//! suite, each with `Args` and `run` like the scorers.

pub mod actors;
pub mod code;
pub mod extraction;
pub mod parse;
pub mod time;

/// Median of measured values (seconds, rates); the machine is shared and noisy, so the median
/// of several runs is what we quote.
pub(crate) fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// CPU time of the current thread, where Linux tells it (`/proc/thread-self/schedstat`): on a
/// busy machine wall time also counts the time other processes held the core.
pub(crate) fn thread_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

/// [`thread_cpu_time`] in seconds, the unit the benchmarks' rates are in.
pub(crate) fn thread_cpu_seconds() -> Option<f64> {
    thread_cpu_time().map(|d| d.as_secs_f64())
}
