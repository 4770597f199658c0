//! The bounded pipeline: a reader thread cuts rows into chunks, a screening thread hands
//! each chunk to rayon, the calling thread writes results in input order.
//!
//! Channels between the stages hold at most [`QUEUE`] chunks each, so at most a few
//! thousand rows are in memory whatever the input's size. Chunks pass through the stages in
//! order and rayon's indexed `collect` keeps rows in order within a chunk, so the output is
//! in input order however the matcher's calls finish. Cancellation stops the reader and any
//! unstarted rows; what was screened is written, followed by the partial marker.

use super::columns::Columns;
use super::decide::{Plan, Screened};
use super::input::{Gauge, Input, RawRow, RowSource};
use super::output::{self, Partial, ResultWriter};
use super::repeats::Repeats;
use super::{Decision, RowSink, ScreenConfig, Settings, Summary, CHUNK_ROWS};
use crate::error::{Error, Result};
use crate::matching::Matcher;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::Instant;

/// Chunks waiting between two stages.
const QUEUE: usize = 4;

/// What flows between the stages.
enum Msg<T> {
    Chunk(T),
    /// The input ended and every row before this was passed on.
    End,
    /// The input could not be read further.
    Failed(Error),
}

/// How the writer's loop ended.
enum Ending {
    Complete,
    Cancelled,
    Failed(Error),
}

#[derive(Default)]
struct Counts {
    rows: u64,
    hits: u64,
    reviews: u64,
    clears: u64,
    errors: u64,
}

impl Counts {
    fn add(&mut self, decision: Decision) {
        self.rows += 1;
        match decision {
            Decision::Hit => self.hits += 1,
            Decision::Review => self.reviews += 1,
            Decision::Clear => self.clears += 1,
            Decision::Error => self.errors += 1,
        }
    }
}

pub(crate) fn execute(
    config: &ScreenConfig,
    settings: &Settings,
    input: Input,
    columns: Columns,
    matcher: &dyn Matcher,
    cancel: &AtomicBool,
    sink: &mut dyn RowSink,
) -> Result<Summary> {
    let start = Instant::now();
    let mut writer = output::create(
        &config.output,
        settings.format,
        &columns.headers,
        &output::Added {
            top: settings.top,
            case_keys: config.case_keys,
        },
    )?;
    let progress = Progress::new(config.progress, input.gauge.clone());
    let matcher = Repeats::new(matcher);
    let plan = Plan {
        columns: &columns,
        settings,
        matcher: &matcher,
    };
    let mut source = input.rows;
    let mut counts = Counts::default();
    let ending = std::thread::scope(|s| {
        let (raw_tx, raw_rx) = sync_channel(QUEUE);
        let (done_tx, done_rx) = sync_channel(QUEUE);
        s.spawn(move || read_chunks(&mut *source, raw_tx, cancel));
        let plan = &plan;
        s.spawn(move || screen_chunks(raw_rx, done_tx, plan, cancel));
        write_chunks(done_rx, &mut *writer, sink, &mut counts, &progress, start)
    });
    progress.bar.finish_and_clear();
    let ending = ending?;
    let partial = match &ending {
        Ending::Complete => None,
        Ending::Cancelled => Some(Partial {
            rows_done: counts.rows,
            reason: "screening was cancelled".into(),
        }),
        Ending::Failed(e) => Some(Partial {
            rows_done: counts.rows,
            reason: format!("screening stopped: {e}"),
        }),
    };
    writer.finish(partial.as_ref())?;
    if let Ending::Failed(e) = ending {
        return Err(e);
    }
    let elapsed = start.elapsed();
    Ok(Summary {
        rows: counts.rows,
        hits: counts.hits,
        reviews: counts.reviews,
        clears: counts.clears,
        errors: counts.errors,
        elapsed,
        rows_per_sec: rate(counts.rows, elapsed.as_secs_f64()),
        partial: partial.is_some(),
    })
}

fn rate(rows: u64, secs: f64) -> f64 {
    if secs > 0.0 {
        rows as f64 / secs
    } else {
        0.0
    }
}

/// Reader stage: rows into chunks until the input ends, fails or the run is cancelled
/// (then the channel closes without [`Msg::End`]).
fn read_chunks(source: &mut dyn RowSource, tx: SyncSender<Msg<Vec<RawRow>>>, cancel: &AtomicBool) {
    let mut chunk = Vec::with_capacity(CHUNK_ROWS);
    loop {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        match source.next_row() {
            Some(Ok(row)) => {
                chunk.push(row);
                if chunk.len() == CHUNK_ROWS {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
                    if tx.send(Msg::Chunk(full)).is_err() {
                        return;
                    }
                }
            }
            end => {
                if !chunk.is_empty() && tx.send(Msg::Chunk(chunk)).is_err() {
                    return;
                }
                let _ = tx.send(match end {
                    Some(Err(e)) => Msg::Failed(e),
                    _ => Msg::End,
                });
                return;
            }
        }
    }
}

/// Screening stage: each chunk's rows in parallel, results in row order. Once cancelled,
/// rows not yet started are skipped and only the done prefix of the chunk is passed on.
fn screen_chunks(
    rx: Receiver<Msg<Vec<RawRow>>>,
    tx: SyncSender<Msg<Vec<Screened>>>,
    plan: &Plan<'_>,
    cancel: &AtomicBool,
) {
    for msg in rx {
        let rows = match msg {
            Msg::Chunk(rows) => rows,
            Msg::End => {
                let _ = tx.send(Msg::End);
                return;
            }
            Msg::Failed(e) => {
                let _ = tx.send(Msg::Failed(e));
                return;
            }
        };
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let n = rows.len();
        let results: Vec<Option<Screened>> = rows
            .into_par_iter()
            .map(|row| (!cancel.load(Ordering::Relaxed)).then(|| plan.screen(row)))
            .collect();
        let done: Vec<Screened> = results.into_iter().map_while(|r| r).collect();
        let complete = done.len() == n;
        if tx.send(Msg::Chunk(done)).is_err() || !complete {
            return;
        }
    }
}

/// Writer stage, on the calling thread.
fn write_chunks(
    rx: Receiver<Msg<Vec<Screened>>>,
    writer: &mut dyn ResultWriter,
    sink: &mut dyn RowSink,
    counts: &mut Counts,
    progress: &Progress,
    start: Instant,
) -> Result<Ending> {
    for msg in rx {
        match msg {
            Msg::Chunk(mut rows) => {
                for row in &mut rows {
                    match sink.record(&row.view()) {
                        Ok(review) => row.review = review,
                        Err(e) => return Ok(Ending::Failed(e)),
                    }
                    writer.write(row)?;
                    counts.add(row.decision);
                }
                progress.update(counts, start);
            }
            Msg::End => return Ok(Ending::Complete),
            Msg::Failed(e) => return Ok(Ending::Failed(e)),
        }
    }
    Ok(Ending::Cancelled)
}

/// The progress bar on stderr, or nothing.
struct Progress {
    bar: ProgressBar,
    gauge: Gauge,
}

impl Progress {
    fn new(enabled: bool, gauge: Gauge) -> Progress {
        if !enabled {
            return Progress {
                bar: ProgressBar::hidden(),
                gauge,
            };
        }
        let (total, template) = match &gauge {
            Gauge::Bytes { total, .. } => (
                *total,
                "{spinner} [{elapsed_precise}] [{wide_bar}] {bytes}/{total_bytes} ETA {eta} {msg}",
            ),
            Gauge::Rows { total } => (
                *total,
                "{spinner} [{elapsed_precise}] [{wide_bar}] {pos}/{len} rows ETA {eta} {msg}",
            ),
        };
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress { bar, gauge }
    }

    fn update(&self, counts: &Counts, start: Instant) {
        if self.bar.is_hidden() {
            return;
        }
        let position = match &self.gauge {
            Gauge::Bytes { read, .. } => read.load(Ordering::Relaxed),
            Gauge::Rows { .. } => counts.rows,
        };
        self.bar.set_position(position);
        self.bar.set_message(format!(
            "{} rows, {:.0} rows/s, {} hits, {} reviews, {} errors",
            counts.rows,
            rate(counts.rows, start.elapsed().as_secs_f64()),
            counts.hits,
            counts.reviews,
            counts.errors
        ));
    }
}
