-- The missbruk pack's twelve rules over the same NDJSON export, in DuckDB's
-- own SQL, for the comparison row of aktkoll_bench. Outcomes per rule as in
-- the pack: Et when the rule does not apply, EB when a needed value is
-- unknown, else Ja or Nej; DOK-1 ("the process in order") is approximated by
-- the order of the steps' first dates. Counts per rule and outcome.
-- {FILE} is replaced by the export's path.
WITH cases AS (
  SELECT id, children_under_18 AS barn, events
  FROM read_ndjson('{FILE}', columns = {
    id: 'VARCHAR', unit: 'VARCHAR', born: 'INTEGER', children_under_18: 'BOOLEAN',
    events: 'STRUCT(type VARCHAR, date DATE, source VARCHAR, "skäl_dokumenterat" BOOLEAN, instrument VARCHAR,
                    enskildes_uppfattning BOOLEAN, barnperspektiv BOOLEAN, utfall VARCHAR, insats VARCHAR, lagrum VARCHAR,
                    med_enskilde BOOLEAN, huvudman VARCHAR, insatser_angivna BOOLEAN, "ansvar_fördelat" BOOLEAN,
                    "övergripande_ansvar_angivet" BOOLEAN, "skäl" VARCHAR)[]'})
),
ev AS (
  SELECT id, barn, unnest(events, recursive := true) FROM cases
),
per_case AS (
  SELECT id, any_value(barn) AS barn,
    min(date) FILTER (type = 'aktualisering') AS akt,
    min(date) FILTER (type = 'utredning_inledd') AS ui,
    arg_min("skäl_dokumenterat", date) FILTER (type = 'utredning_inledd') AS ui_skal,
    min(date) FILTER (type = 'utredning_avslutad') AS ua,
    max(date) FILTER (type = 'utredning_avslutad') AS ua_last,
    arg_min(enskildes_uppfattning, date) FILTER (type = 'utredning_avslutad') AS ua_ens,
    arg_min(barnperspektiv, date) FILTER (type = 'utredning_avslutad') AS ua_barn,
    min(date) FILTER (type = 'beslut') AS beslut,
    min(date) FILTER (type = 'beslut' AND utfall = 'bifall') AS bifall,
    count(*) FILTER (type = 'insats' AND huvudman = 'kommun') AS kommun,
    count(*) FILTER (type = 'insats' AND huvudman = 'region') AS region,
    count(*) FILTER (type = 'sip_avböjd') AS sip_avbojd,
    min(date) FILTER (type = 'sip') AS sip,
    arg_min(insatser_angivna, date) FILTER (type = 'sip') AS sip_a,
    arg_min("ansvar_fördelat", date) FILTER (type = 'sip') AS sip_b,
    arg_min("övergripande_ansvar_angivet", date) FILTER (type = 'sip') AS sip_c,
    count(*) FILTER (type = 'avslut' AND "skäl" IS NULL) AS avslut_okant,
    list(struct_pack(type, date, med_enskilde)) FILTER (type IN ('bedömningsinstrument', 'vårdplan', 'genomförandeplan', 'uppföljning')) AS later
  FROM ev GROUP BY id
),
outcomes AS (
  SELECT
    CASE WHEN akt IS NULL THEN 'Et' WHEN ui IS NULL OR ui > akt + 14 THEN 'Nej'
         WHEN ui_skal IS NULL THEN 'EB' WHEN ui_skal THEN 'Ja' ELSE 'Nej' END AS "UTR-1",
    CASE WHEN ui IS NULL THEN 'Et'
         WHEN len(list_filter(later, x -> x.type = 'bedömningsinstrument' AND x.date >= ui AND (ua_last IS NULL OR x.date <= ua_last))) > 0 THEN 'Ja'
         ELSE 'Nej' END AS "INS-1",
    CASE WHEN ua IS NULL THEN 'Et' WHEN ua_ens IS NULL THEN 'EB' WHEN ua_ens THEN 'Ja' ELSE 'Nej' END AS "ENS-1",
    CASE WHEN barn IS NULL THEN 'EB' WHEN NOT barn THEN 'Et' WHEN ua_barn IS NULL THEN 'EB' WHEN ua_barn THEN 'Ja' ELSE 'Nej' END AS "BARN-1",
    CASE WHEN beslut IS NULL THEN 'Et'
         WHEN (ui IS NULL OR akt IS NULL OR ui >= akt) AND (ua IS NULL OR ui IS NULL OR ua >= ui) AND (bifall IS NULL OR ui IS NULL OR bifall >= ui) THEN 'Ja'
         ELSE 'Nej' END AS "DOK-1",
    CASE WHEN bifall IS NULL THEN 'Et'
         WHEN len(list_filter(later, x -> x.type = 'vårdplan' AND x.date >= bifall AND x.med_enskilde)) > 0 THEN 'Ja' ELSE 'Nej' END AS "VP-1",
    CASE WHEN bifall IS NULL THEN 'Et'
         WHEN len(list_filter(later, x -> x.type = 'genomförandeplan' AND x.date >= bifall)) > 0 THEN 'Ja' ELSE 'Nej' END AS "GP-1",
    CASE WHEN bifall IS NULL THEN 'Et'
         WHEN len(list_filter(later, x -> x.type = 'uppföljning' AND x.date > bifall)) > 0 AND avslut_okant = 0 THEN 'Ja' ELSE 'Nej' END AS "UPF-1",
    CASE WHEN kommun = 0 OR region = 0 OR sip_avbojd > 0 THEN 'Et' WHEN sip IS NOT NULL THEN 'Ja' ELSE 'Nej' END AS "SIP-1",
    CASE WHEN sip IS NULL THEN 'Et' WHEN sip_a IS NULL THEN 'EB' WHEN sip_a THEN 'Ja' ELSE 'Nej' END AS "SIP-2a",
    CASE WHEN sip IS NULL THEN 'Et' WHEN sip_b IS NULL THEN 'EB' WHEN sip_b THEN 'Ja' ELSE 'Nej' END AS "SIP-2b",
    CASE WHEN sip IS NULL THEN 'Et' WHEN sip_c IS NULL THEN 'EB' WHEN sip_c THEN 'Ja' ELSE 'Nej' END AS "SIP-2c"
  FROM per_case
)
SELECT rule, outcome, count(*) AS n
FROM (UNPIVOT outcomes ON COLUMNS(*) INTO NAME rule VALUE outcome)
GROUP BY ALL ORDER BY rule, outcome;
