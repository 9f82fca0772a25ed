-- Likes per reader country, most first. Rows arrive at least once: count distinct event ids.
SELECT
  COALESCE(country, 'unknown') AS country,
  COUNT(DISTINCT event_id) AS likes
FROM likes
GROUP BY COALESCE(country, 'unknown')
ORDER BY likes DESC, country
