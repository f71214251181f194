// validate and import on a filled review workbook (aktkoll form): both need
// the rules, which say what the workbook's rows are.
#pragma once

#include "tools/cli.hpp"

namespace aktkoll::cli {

// True when a positional argument is an .xlsx workbook.
bool has_workbook(const Args& args);

// aktkoll validate RULES granskning.xlsx [EXPORT...]: every bad cell, every
// contradiction with the export and every record the merge makes invalid.
int validate_workbook(const Args& args);

// aktkoll import RULES granskning.xlsx [EXPORT...] [--output FILE]: the
// merged cases as NDJSON.
int import_workbook(const Args& args);

}  // namespace aktkoll::cli

#include "report/report.hpp"
#include "run/review_inputs.hpp"

namespace aktkoll::cli {

// The report's title and scope lines from --title, --kommun, --namnd,
// --reviewer, the review workbook's cover sheet and the selection (cases,
// units, the sample's seed from --cases-from).
void describe_scope(const Args& args, const review::ReviewInputs& workbooks, const CaseSelection& selection,
                    report::Options& opt);

}  // namespace aktkoll::cli
