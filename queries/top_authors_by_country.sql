-- Most liked authors among readers of one country.
-- params: country
WITH authors AS (
  SELECT article_id, MAX(author_name) AS author_name
  FROM articles
  WHERE event_type = 'published'
  GROUP BY article_id
),
country_likes AS (
  SELECT DISTINCT event_id, article_id
  FROM likes
  WHERE country = ?
)
SELECT a.author_name, COUNT(*) AS likes
FROM country_likes l
JOIN authors a ON a.article_id = l.article_id
GROUP BY a.author_name
ORDER BY likes DESC, a.author_name
