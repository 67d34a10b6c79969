-- Hand-written sample warehouse rows (first load), used by tests/test_dbt*.py and the scale bench.
-- Article keys follow ingestion.records.article_key: md5(source || chr(31) || source_id).
create or replace temp macro ak(src, id) as md5(src || chr(31) || id);

insert into raw.articles values
 (ak('wire_a.jsonl', 'a1'), 'wire_a.jsonl', 'a1', 'jsonl', 'wire_a.jsonl:1',
  'Washington adds sanctions on North Korean officials',
  'WASHINGTON (Wire A) - The United States imposed sanctions on two North Korean officials on Tuesday, the Treasury said. Secretary Rex Tillerson and Foreign Minister Sergei Lavrov spoke by phone on Tuesday. "We will keep up the pressure," spokeswoman Heather Nauert said.',
  'https://example.org/a1', '2017-12-27T10:00:00Z', timestamp '2017-12-27 10:00:00', 'h-a1', '{"subject": "world"}',
  timestamp '2026-01-01 00:00:00', timestamp '2026-01-01 00:00:00'),
 (ak('wire_b.jsonl', 'b1'), 'wire_b.jsonl', 'b1', 'jsonl', 'wire_b.jsonl:1',
  'U.S. targets Pyongyang officials',
  'The U.S. Treasury has put two senior officials of North Korea on its sanctions list, a move announced this week.',
  'https://example.org/b1', 'December 28, 2017', timestamp '2017-12-28 08:00:00', 'h-b1', null,
  timestamp '2026-01-01 00:00:01', timestamp '2026-01-01 00:00:01'),
 -- same body (case/space folded) as a1, seen later from a mirror: a duplicate
 (ak('mirror.jsonl', 'm1'), 'mirror.jsonl', 'm1', 'jsonl', 'mirror.jsonl:1',
  'washington adds sanctions on north korean officials',
  'washington ( wire a ) - the united states imposed sanctions on two north korean officials on tuesday , the treasury said . secretary rex tillerson and foreign minister sergei lavrov spoke by phone on tuesday . " we will keep up the pressure , " spokeswoman heather nauert said .',
  null, '2017-12-27', timestamp '2017-12-27 00:00:00', 'h-a1', null,
  timestamp '2026-01-01 00:00:02', timestamp '2026-01-01 00:00:02'),
 (ak('wire_a.jsonl', 'a2'), 'wire_a.jsonl', 'a2', 'jsonl', 'wire_a.jsonl:2',
  'Leaders of China, Japan and South Korea meet',
  'TOKYO (Wire A) - Leaders of China, Japan and South Korea met in Tokyo on Friday. President Moon Jae-in said the talks were useful. The European Union extended its sanctions on Russia.',
  'https://example.org/a2', '2018-01-06', timestamp '2018-01-06 09:30:00', 'h-a2', null,
  timestamp '2026-01-01 00:00:03', timestamp '2026-01-01 00:00:03'),
 -- x1 and its copy x2: x1 is edited in batch 2, which makes x2 the canonical copy of the old body
 (ak('wire_d.jsonl', 'x1'), 'wire_d.jsonl', 'x1', 'jsonl', 'wire_d.jsonl:1', 'Kremlin comments',
  'MOSCOW (Wire D) - Vladimir Putin said talks would go on.', null, '2018-02-01',
  timestamp '2018-02-01 12:00:00', 'h-x1', null, timestamp '2026-01-01 00:00:04', timestamp '2026-01-01 00:00:04'),
 (ak('mirror.jsonl', 'x2'), 'mirror.jsonl', 'x2', 'jsonl', 'mirror.jsonl:3', 'kremlin comments',
  'moscow ( wire d ) - vladimir putin said talks would go on .', null, '2018-02-01',
  timestamp '2018-02-01 12:00:00', 'h-x1', null, timestamp '2026-01-01 00:00:05', timestamp '2026-01-01 00:00:05'),
 -- z1 is deleted from the warehouse in batch 2
 (ak('wire_d.jsonl', 'z1'), 'wire_d.jsonl', 'z1', 'jsonl', 'wire_d.jsonl:2', 'Berlin comments',
  'BERLIN (Wire D) - Angela Merkel said Europe would respond.', null, '2018-02-02',
  timestamp '2018-02-02 12:00:00', 'h-z1', null, timestamp '2026-01-01 00:00:06', timestamp '2026-01-01 00:00:06');

insert into extracted.article_state values
 (ak('wire_a.jsonl', 'a1'), 'h-a1', '1.0.0', timestamp '2026-01-01 00:01:00', 3, 'washington', 'wire a'),
 (ak('wire_b.jsonl', 'b1'), 'h-b1', '1.0.0', timestamp '2026-01-01 00:01:00', 1, null, null),
 (ak('mirror.jsonl', 'm1'), 'h-a1', '1.0.0', timestamp '2026-01-01 00:01:00', 3, 'washington', 'wire a'),
 (ak('wire_a.jsonl', 'a2'), 'h-a2', '1.0.0', timestamp '2026-01-01 00:01:00', 3, 'tokyo', 'wire a'),
 (ak('wire_d.jsonl', 'x1'), 'h-x1', '1.0.0', timestamp '2026-01-01 00:01:00', 1, 'moscow', 'wire d'),
 (ak('mirror.jsonl', 'x2'), 'h-x1', '1.0.0', timestamp '2026-01-01 00:01:00', 1, 'moscow', 'wire d'),
 (ak('wire_d.jsonl', 'z1'), 'h-z1', '1.0.0', timestamp '2026-01-01 00:01:00', 1, 'berlin', 'wire d');

insert into extracted.sentences values
 (ak('wire_a.jsonl', 'a1'), 0, 0, 120, 'The United States imposed sanctions on two North Korean officials on Tuesday'),
 (ak('wire_a.jsonl', 'a1'), 1, 121, 200, 'Secretary Rex Tillerson and Foreign Minister Sergei Lavrov spoke by phone'),
 (ak('wire_a.jsonl', 'a1'), 2, 201, 270, 'We will keep up the pressure, spokeswoman Heather Nauert said'),
 (ak('wire_b.jsonl', 'b1'), 0, 0, 113, 'The U.S. Treasury has put two senior officials of North Korea on its sanctions list'),
 (ak('mirror.jsonl', 'm1'), 0, 0, 130, 'the united states imposed sanctions on two north korean officials on tuesday'),
 (ak('wire_a.jsonl', 'a2'), 0, 0, 75, 'Leaders of China, Japan and South Korea met in Tokyo on Friday');

insert into extracted.actor_mentions values
 (ak('wire_a.jsonl', 'a1'), 0, 0, 29, 42, 'United States', 'USA', 'united states', 'country', 'USA', null, null, null),
 (ak('wire_a.jsonl', 'a1'), 1, 0, 68, 80, 'North Korean', 'PRK', 'north korea', 'country', 'PRK', null, null, null),
 (ak('wire_a.jsonl', 'a1'), 2, 1, 131, 144, 'Rex Tillerson', 'USA', 'rex tillerson', 'person', 'USA', 'rex tillerson', 'secretary of state', 'state department'),
 (ak('wire_a.jsonl', 'a1'), 3, 1, 166, 179, 'Sergei Lavrov', 'RUS', 'sergei lavrov', 'person', 'RUS', 'sergei lavrov', 'foreign minister', null),
 (ak('wire_a.jsonl', 'a1'), 4, 2, 240, 254, 'Heather Nauert', 'USA', 'heather nauert', 'person', 'USA', 'heather nauert', 'spokeswoman', 'state department'),
 (ak('wire_b.jsonl', 'b1'), 0, 0, 4, 8, 'U.S.', 'USA', 'united states', 'country', 'USA', null, null, null),
 (ak('mirror.jsonl', 'm1'), 0, 0, 29, 42, 'united states', 'USA', 'united states', 'country', 'USA', null, null, null),
 (ak('wire_a.jsonl', 'a2'), 0, 0, 23, 28, 'China', 'CHN', 'china', 'country', 'CHN', null, null, null),
 (ak('wire_a.jsonl', 'a2'), 1, 0, 30, 35, 'Japan', 'JPN', 'japan', 'country', 'JPN', null, null, null),
 (ak('wire_a.jsonl', 'a2'), 2, 1, 90, 103, 'Moon Jae-in', 'KOR', 'moon jae-in', 'person', 'KOR', 'moon jae-in', 'president', null),
 (ak('wire_a.jsonl', 'a2'), 3, 2, 140, 155, 'European Union', 'EU', 'european union', 'igo', null, null, null, null);

insert into extracted.statements values
 (ak('wire_a.jsonl', 'a1'), 0, 2, 201, 270, 'heather nauert', 'person', 'USA', 'USA', 'state department', 'spokeswoman',
  'said', 'We will keep up the pressure', true, 'We will keep up the pressure, spokeswoman Heather Nauert said', 0.9,
  '010', null, date '2017-12-27', 'day'),
 (ak('mirror.jsonl', 'm1'), 0, 0, 201, 270, 'heather nauert', 'person', 'USA', 'USA', 'state department', 'spokeswoman',
  'said', 'we will keep up the pressure', true, 'we will keep up the pressure , spokeswoman heather nauert said', 0.9,
  '010', null, date '2017-12-27', 'day'),
 (ak('wire_a.jsonl', 'a2'), 0, 1, 76, 130, 'moon jae-in', 'person', 'KOR', 'KOR', null, 'president',
  'said', 'the talks were useful', false, 'President Moon Jae-in said the talks were useful', 0.8,
  '010', null, null, 'unknown'),
 (ak('wire_d.jsonl', 'x1'), 0, 0, 16, 55, 'vladimir putin', 'person', 'RUS', 'RUS', null, null,
  'said', 'talks would go on', false, 'Vladimir Putin said talks would go on', 0.8, '010', null, null, 'unknown'),
 (ak('mirror.jsonl', 'x2'), 0, 0, 16, 55, 'vladimir putin', 'person', 'RUS', 'RUS', null, null,
  'said', 'talks would go on', false, 'vladimir putin said talks would go on', 0.8, '010', null, null, 'unknown'),
 (ak('wire_d.jsonl', 'z1'), 0, 0, 16, 58, 'angela merkel', 'person', 'DEU', 'DEU', null, 'chancellor',
  'said', 'europe would respond', false, 'Angela Merkel said Europe would respond', 0.8, '010', null, null, 'unknown');

insert into extracted.sanctions values
 (ak('wire_a.jsonl', 'a1'), 0, 0, 0, 120, 'USA', 'united states', 'country', 'PRK', 'north korea', 'country',
  'impose', 'financial', 'imposed sanctions on two North Korean officials on Tuesday', 0.9, '163', 'SANCTION',
  date '2017-12-26', 'day'),
 -- the same event reported by another source, without a date: joins the dated event
 (ak('wire_b.jsonl', 'b1'), 0, 0, 0, 113, 'USA', 'united states', 'country', 'PRK', 'north korea', 'country',
  'impose', 'unspecified', 'put two senior officials of North Korea on its sanctions list', 0.8, '163', 'SANCTION',
  null, 'unknown'),
 (ak('mirror.jsonl', 'm1'), 0, 0, 0, 120, 'USA', 'united states', 'country', 'PRK', 'north korea', 'country',
  'impose', 'financial', 'imposed sanctions on two north korean officials on tuesday', 0.9, '163', 'SANCTION',
  date '2017-12-26', 'day'),
 (ak('wire_a.jsonl', 'a2'), 0, 2, 131, 190, 'EU', 'european union', 'igo', 'RUS', 'russia', 'country',
  'extend', 'economic', 'The European Union extended its sanctions on Russia', 0.7, '163', 'SANCTION',
  null, 'unknown');

insert into extracted.contacts values
 (ak('wire_a.jsonl', 'a1'), 0, 1, 121, 200, 'phone', 'occurred', 'spoke by phone on Tuesday', 0.9, '040', 'CONSULT',
  date '2017-12-26', 'day'),
 (ak('mirror.jsonl', 'm1'), 0, 1, 121, 200, 'phone', 'occurred', 'spoke by phone on tuesday', 0.9, '040', 'CONSULT',
  date '2017-12-26', 'day'),
 (ak('wire_a.jsonl', 'a2'), 0, 0, 0, 75, 'summit', 'occurred', 'Leaders of China, Japan and South Korea met in Tokyo on Friday',
  0.8, '043', 'CONSULT', date '2018-01-05', 'day');

insert into extracted.contact_participants values
 (ak('wire_a.jsonl', 'a1'), 0, 'USA', 'united states', 'person', 'rex tillerson'),
 (ak('wire_a.jsonl', 'a1'), 0, 'RUS', 'russia', 'person', 'sergei lavrov'),
 (ak('mirror.jsonl', 'm1'), 0, 'USA', 'united states', 'person', 'rex tillerson'),
 (ak('mirror.jsonl', 'm1'), 0, 'RUS', 'russia', 'person', 'sergei lavrov'),
 (ak('wire_a.jsonl', 'a2'), 0, 'CHN', 'china', 'country', null),
 (ak('wire_a.jsonl', 'a2'), 0, 'JPN', 'japan', 'country', null),
 (ak('wire_a.jsonl', 'a2'), 0, 'KOR', 'south korea', 'person', 'moon jae-in');

insert into audit.rejected_inputs values
 ('broken.jsonl', 'broken.jsonl:3', 'invalid json: Expecting value at col 1', null,
  timestamp '2026-01-01 00:00:00', timestamp '2026-01-01 00:00:00', 1);
