// Which sentiment models exist and when each was fitted: checked before a batch of reviews is
// read, so every API replica picks up a refit without loading the weights again.
MATCH (m:SentimentModel)
WHERE m.fittedAt IS NOT NULL
RETURN m.language AS language, m.fittedAt.epochMillis AS version
ORDER BY language
