-- The sample schema from the founding talk: an activity feed and inspections of a staging API.
CREATE DATABASE IF NOT EXISTS staging_api;
USE staging_api;

CREATE TABLE activity_feed (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  actor_id INT NOT NULL,
  verb ENUM('created','updated','commented','closed') NOT NULL,
  object_type VARCHAR(40) NOT NULL,
  object_id BIGINT NOT NULL,
  payload JSON,
  created_by VARCHAR(40),
  updated_by VARCHAR(40),
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
);

CREATE TABLE inspections (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site VARCHAR(80) NOT NULL,
  status ENUM('scheduled','in_progress','passed','failed') NOT NULL DEFAULT 'scheduled',
  score DECIMAL(5,2),
  inspector VARCHAR(40),
  flags SET('urgent','reinspection','remote'),
  scheduled_for DATE,
  created_by VARCHAR(40),
  updated_by VARCHAR(40),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
);

INSERT INTO inspections (site, status, score, inspector, flags, scheduled_for, created_by) VALUES
  ('Pier 17', 'scheduled', NULL, 'maria', 'urgent', '2026-12-01', 'seed'),
  ('Warehouse B', 'passed', 92.50, 'li', '', '2026-11-20', 'seed'),
  ('Depot North', 'failed', 41.00, 'sam', 'reinspection', '2026-11-18', 'seed');

INSERT INTO activity_feed (actor_id, verb, object_type, object_id, payload, created_by) VALUES
  (15016, 'created', 'inspection', 1, '{"site": "Pier 17"}', 'seed'),
  (15016, 'closed', 'inspection', 2, '{"score": 92.5}', 'seed');

-- A feed with history: enough rows that the snapshot takes a few seconds on the dashboard.
INSERT INTO activity_feed (actor_id, verb, object_type, object_id, payload, created_by, created_at)
SELECT 10000 + seq % 500, ELT(1 + seq % 4, 'created', 'updated', 'commented', 'closed'),
       'inspection', seq % 3 + 1, JSON_OBJECT('seq', seq), 'seed',
       TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq MINUTE
FROM seq_1_to_200000;
