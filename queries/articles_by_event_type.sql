-- How many distinct article events of each kind the lake holds.
SELECT event_type, COUNT(DISTINCT event_id) AS events
FROM articles
GROUP BY event_type
ORDER BY event_type
