-- Second load on top of batch1.sql: new articles, a duplicate of an existing one, and a
-- re-extraction that drops facts (the incremental build must give what a full rebuild gives).
create or replace temp macro ak(src, id) as md5(src || chr(31) || id);

insert into raw.articles values
 (ak('wire_c.jsonl', 'c1'), 'wire_c.jsonl', 'c1', 'jsonl', 'wire_c.jsonl:1',
  'Asian leaders continue talks',
  'SEOUL (Wire C) - China, Japan and South Korea held a second day of summit talks on Saturday. Washington imposed new sanctions on North Korea on March 10.',
  'https://example.org/c1', '2018-01-07', timestamp '2018-01-07 07:00:00', 'h-c1', null,
  timestamp '2026-01-02 00:00:00', timestamp '2026-01-02 00:00:00'),
 (ak('mirror.jsonl', 'm2'), 'mirror.jsonl', 'm2', 'jsonl', 'mirror.jsonl:2',
  'leaders of china , japan and south korea meet',
  'tokyo ( wire a ) - leaders of china , japan and south korea met in tokyo on friday . president moon jae-in said the talks were useful . the european union extended its sanctions on russia .',
  null, '2018-01-06', timestamp '2018-01-06 00:00:00', 'h-a2', null,
  timestamp '2026-01-02 00:00:01', timestamp '2026-01-02 00:00:01');

insert into extracted.article_state values
 (ak('wire_c.jsonl', 'c1'), 'h-c1', '1.0.0', timestamp '2026-01-02 00:01:00', 2, 'seoul', 'wire c'),
 (ak('mirror.jsonl', 'm2'), 'h-a2', '1.0.0', timestamp '2026-01-02 00:01:00', 3, 'tokyo', 'wire a');

insert into extracted.sanctions values
 (ak('wire_c.jsonl', 'c1'), 0, 1, 90, 150, 'USA', 'united states', 'country', 'PRK', 'north korea', 'country',
  'impose', 'economic', 'Washington imposed new sanctions on North Korea on March 10', 0.9, '163', 'SANCTION',
  date '2018-03-10', 'day'),
 (ak('mirror.jsonl', 'm2'), 0, 2, 131, 190, 'EU', 'european union', 'igo', 'RUS', 'russia', 'country',
  'extend', 'economic', 'the european union extended its sanctions on russia', 0.7, '163', 'SANCTION',
  null, 'unknown');

insert into extracted.contacts values
 (ak('wire_c.jsonl', 'c1'), 0, 0, 0, 88, 'summit', 'occurred', 'held a second day of summit talks on Saturday', 0.8,
  '043', 'CONSULT', date '2018-01-06', 'day');

insert into extracted.contact_participants values
 (ak('wire_c.jsonl', 'c1'), 0, 'CHN', 'china', 'country', null),
 (ak('wire_c.jsonl', 'c1'), 0, 'JPN', 'japan', 'country', null),
 (ak('wire_c.jsonl', 'c1'), 0, 'KOR', 'south korea', 'country', null);

insert into extracted.actor_mentions values
 (ak('wire_c.jsonl', 'c1'), 0, 0, 16, 21, 'China', 'CHN', 'china', 'country', 'CHN', null, null, null);

-- a2 re-extracted with a newer extractor: the EU sanction is no longer found, the rest stays
delete from extracted.sanctions where article_key = ak('wire_a.jsonl', 'a2');
update extracted.article_state
set extractor_version = '1.1.0', extracted_at = timestamp '2026-01-02 00:02:00'
where article_key = ak('wire_a.jsonl', 'a2');

-- x1's body is edited and re-extracted: new hash, so its old copy x2 becomes canonical
update raw.articles
set body = 'MOSCOW (Wire D) - Vladimir Putin said on Monday that talks would go on.', body_hash = 'h-x1-v2',
    updated_at = timestamp '2026-01-02 00:00:05'
where article_key = ak('wire_d.jsonl', 'x1');
delete from extracted.statements where article_key = ak('wire_d.jsonl', 'x1');
insert into extracted.statements values
 (ak('wire_d.jsonl', 'x1'), 0, 0, 16, 70, 'vladimir putin', 'person', 'RUS', 'RUS', null, null,
  'said', 'talks would go on', false, 'Vladimir Putin said on Monday that talks would go on', 0.8, '010', null,
  date '2018-01-29', 'day');
update extracted.article_state
set body_hash = 'h-x1-v2', extracted_at = timestamp '2026-01-02 00:03:00'
where article_key = ak('wire_d.jsonl', 'x1');

-- z1 is removed from the warehouse altogether
delete from extracted.statements where article_key = ak('wire_d.jsonl', 'z1');
delete from extracted.article_state where article_key = ak('wire_d.jsonl', 'z1');
delete from raw.articles where article_key = ak('wire_d.jsonl', 'z1');
