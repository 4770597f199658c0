//! Screened rows → one Arrow record batch, one row per input row in input order.

use arrow_array::builder::{Float64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use redflag::screen::{Decision, Outcome};
use std::sync::Arc;

/// The batch of `outcomes`; with `all_hits`, two list columns give every kept hit.
pub fn record_batch(outcomes: &[Outcome], all_hits: bool) -> Result<RecordBatch, ArrowError> {
    let best = |f: fn(&redflag::Hit) -> &str| -> StringArray {
        outcomes.iter().map(|o| o.hits.first().map(f)).collect()
    };
    let mut fields = vec![
        Field::new("row", DataType::UInt64, false),
        Field::new("decision", DataType::Utf8, false),
        Field::new("score", DataType::Float64, true),
        Field::new("entity_id", DataType::Utf8, true),
        Field::new("name", DataType::Utf8, true),
        Field::new("matched_name", DataType::Utf8, true),
        Field::new("list", DataType::Utf8, true),
        Field::new("reason", DataType::Utf8, true),
        Field::new("error", DataType::Utf8, true),
    ];
    let reason: StringArray = outcomes
        .iter()
        .map(|o| Some(o.reason.as_str()).filter(|r| !r.is_empty()))
        .collect();
    let error: StringArray = outcomes
        .iter()
        .map(|o| (o.decision == Decision::Error).then_some(o.reason.as_str()))
        .collect();
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(UInt64Array::from_iter_values(0..outcomes.len() as u64)),
        Arc::new(StringArray::from_iter_values(
            outcomes.iter().map(|o| o.decision.as_str()),
        )),
        Arc::new(
            outcomes
                .iter()
                .map(|o| o.hits.first().map(|h| h.score))
                .collect::<arrow_array::Float64Array>(),
        ),
        Arc::new(best(|h| &h.entity_id)),
        Arc::new(best(|h| &h.name)),
        Arc::new(best(|h| &h.matched_name)),
        Arc::new(best(|h| &h.list)),
        Arc::new(reason),
        Arc::new(error),
    ];
    if all_hits {
        let (ids, scores) = hit_lists(outcomes);
        fields.push(Field::new("hit_ids", ids.data_type().clone(), false));
        fields.push(Field::new("hit_scores", scores.data_type().clone(), false));
        columns.push(ids);
        columns.push(scores);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
}

/// Every kept hit's entity id and score, best first, per row.
fn hit_lists(outcomes: &[Outcome]) -> (ArrayRef, ArrayRef) {
    let mut ids = ListBuilder::new(StringBuilder::new());
    let mut scores = ListBuilder::new(Float64Builder::new());
    for o in outcomes {
        for h in &o.hits {
            ids.values().append_value(&h.entity_id);
            scores.values().append_value(h.score);
        }
        ids.append(true);
        scores.append(true);
    }
    (Arc::new(ids.finish()), Arc::new(scores.finish()))
}
