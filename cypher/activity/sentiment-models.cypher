// The fitted sentiment models with their weights (src/text/sentiment-model.ts, sparse).
MATCH (m:SentimentModel)
WHERE m.fittedAt IS NOT NULL
RETURN m.language AS language, m.fittedAt.epochMillis AS version, m.buckets AS buckets, m.weights AS weights,
  m.lexicon AS lexicon, m.bias AS bias, m.positives AS positives, m.negatives AS negatives
ORDER BY language
