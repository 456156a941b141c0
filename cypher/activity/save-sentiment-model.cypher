// What a TAGS run found for one review language: how many rated reviews it had and, when they were
// enough, the model fitted on them (sparse: the hashed buckets with a weight and their weights),
// its fitting time and cross-validated accuracy. Without a model every model property is set to
// null, which removes it: a language whose rated reviews fell below the minimum (consent
// withdrawn) goes back to the lexicon instead of keeping a model fitted on them.
// $language: STRING  $at: DATETIME  $ratedReviews: INTEGER  $minimum: INTEGER
// $model: MAP or null, {buckets: LIST<INTEGER>, weights: LIST<FLOAT>, lexicon: FLOAT, bias: FLOAT, positives: INTEGER, negatives: INTEGER, accuracy: FLOAT, auc: FLOAT}
MERGE (m:SentimentModel {language: $language})
SET m.checkedAt = $at,
  m.ratedReviews = $ratedReviews,
  m.minimumRatedReviews = $minimum,
  m.fittedAt = CASE WHEN $model IS NULL THEN null ELSE $at END,
  m.buckets = $model.buckets,
  m.weights = $model.weights,
  m.lexicon = $model.lexicon,
  m.bias = $model.bias,
  m.positives = $model.positives,
  m.negatives = $model.negatives,
  m.accuracy = $model.accuracy,
  m.auc = $model.auc
RETURN m.language AS language
