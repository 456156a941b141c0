// What the last TAGS runs found per review language (Query.sentimentModels), without the weights.
MATCH (m:SentimentModel)
RETURN m.language AS language, m.checkedAt AS checkedAt, m.ratedReviews AS ratedReviews, m.minimumRatedReviews AS minimum,
  m.fittedAt AS fittedAt, m.positives AS positives, m.negatives AS negatives, m.accuracy AS accuracy, m.auc AS auc
ORDER BY language
