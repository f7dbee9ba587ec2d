-- An index written by nianbao's index schema 7 (documents keyed by their sha256 WITHOUT ROWID,
-- captures.sha256 and texts/reports/report_versions.document_sha256 naming a document by it),
-- made by opening index_schema6.sql with that version's code. Then, so that the conversion to 8
-- maps more than one row to a document, capture 61 was added (a later revisit of capture 59's
-- document, capture_count 2) and text 59 (an older parser version's text of report 5's
-- document). Its texts are not here (extracted.sqlite): the conversion tests do not read them.
PRAGMA user_version = 7;
BEGIN TRANSACTION;
CREATE TABLE "captures" (
   "id" INTEGER PRIMARY KEY,
   "crawl_id" INTEGER REFERENCES "crawls"("id"),
   "site_id" TEXT,
   "url" TEXT NOT NULL,
   "final_url" TEXT,
   "method" TEXT,
   "status" INTEGER NOT NULL,
   "fetched_at" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "media_type" TEXT,
   "sha256" TEXT NOT NULL REFERENCES "documents"("sha256"),
   "size" INTEGER,
   "warc_file" TEXT NOT NULL,
   "warc_offset" INTEGER,
   "warc_length" INTEGER,
   "warc_record_type" TEXT,
   "etag" TEXT,
   "last_modified" TEXT,
   "referrer" TEXT,
   "anchor_text" TEXT,
   "ip_address" TEXT,
   "response_headers" TEXT,
   "software_version" TEXT
);
INSERT INTO "captures" VALUES(37,1,'demo-trs','http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/202501/P020250123280302906429192.pdf',NULL,'GET',200,'2026-12-05T01:18:21.184666Z','attachment','application/pdf','8ab720f881403c3b8547be752b5b067a9746ae55e61fa9adac7a1dc4e67dfff3',6229,'nianbao-20261205011820-00001.warc.gz',86466,4967,'response','"e0e84f3e3a0093b56181"','Mon, 31 Mar 2025 00:00:00 GMT','http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/202501/t20250123_3237977.html','附件：示范区人民政府2024年政府信息公开工作年度报告.pdf','127.0.0.1','[["Content-Length", "6229"], ["Server", "Apache"], ["Date", "Sat, 05 Dec 2026 01:18:20 GMT"], ["Content-Type", "application/pdf"], ["Etag", "\"e0e84f3e3a0093b56181\""], ["Last-Modified", "Mon, 31 Mar 2025 00:00:00 GMT"]]','0.1.0');
INSERT INTO "captures" VALUES(59,3,'demo-gkmlpt','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901_moved.html','GET',200,'2026-12-05T01:18:21.590039Z','report','text/html','bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4',6248,'nianbao-20261205011820-00001.warc.gz',138540,2800,'response','"153d4213ddbec968cadf"','Sat, 28 Mar 2020 00:00:00 GMT','http://127.0.0.1:34705/gd/gkmlpt/api/all/2001?page=1&sid=755031','示范市南山区人民政府2019年度政府信息公开工作年度报告','127.0.0.1','[["Content-Length", "6248"], ["Server", "Apache"], ["Date", "Sat, 05 Dec 2026 01:18:21 GMT"], ["Content-Type", "text/html; charset=UTF-8"], ["Etag", "\"153d4213ddbec968cadf\""], ["Last-Modified", "Sat, 28 Mar 2020 00:00:00 GMT"]]','0.1.0');
INSERT INTO "captures" VALUES(60,3,'demo-gkmlpt','http://127.0.0.1:34705/gd/attachment/0/1/5888901/152790.pdf',NULL,'GET',200,'2026-12-05T01:18:21.597762Z','attachment','application/pdf','df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510',12842,'nianbao-20261205011820-00001.warc.gz',141894,10146,'response','"78c220ef95c672078a84"','Mon, 31 Mar 2025 00:00:00 GMT','http://127.0.0.1:34705/gd/gkmlpt/api/all/2001?page=1&sid=755031','示范市南山区人民政府2019年度政府信息公开工作年度报告','127.0.0.1','[["Content-Length", "12842"], ["Server", "Apache"], ["Date", "Sat, 05 Dec 2026 01:18:21 GMT"], ["Content-Type", "application/pdf"], ["Etag", "\"78c220ef95c672078a84\""], ["Last-Modified", "Mon, 31 Mar 2025 00:00:00 GMT"]]','0.1.0');
INSERT INTO "captures" VALUES(61,3,'demo-gkmlpt','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901_moved.html','GET',200,'2026-12-06T01:18:21.590039Z','report','text/html','bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4',6248,'nianbao-20261205011820-00001.warc.gz',138540,2800,'revisit','"153d4213ddbec968cadf"','Sat, 28 Mar 2020 00:00:00 GMT','http://127.0.0.1:34705/gd/gkmlpt/api/all/2001?page=1&sid=755031','示范市南山区人民政府2019年度政府信息公开工作年度报告','127.0.0.1','[["Content-Length", "6248"], ["Server", "Apache"], ["Date", "Sat, 05 Dec 2026 01:18:21 GMT"], ["Content-Type", "text/html; charset=UTF-8"], ["Etag", "\"153d4213ddbec968cadf\""], ["Last-Modified", "Sat, 28 Mar 2020 00:00:00 GMT"]]','0.1.0');
CREATE TABLE cells (
    id INTEGER PRIMARY KEY,
    section TEXT NOT NULL,
    row_id TEXT NOT NULL,
    column_id TEXT NOT NULL,
    UNIQUE (section, row_id, column_id));
INSERT INTO "cells" VALUES(1,'active_disclosure','rules','made');
INSERT INTO "cells" VALUES(2,'active_disclosure','rules','published');
INSERT INTO "cells" VALUES(3,'active_disclosure','rules','total_published');
INSERT INTO "cells" VALUES(4,'active_disclosure','normative_documents','made');
INSERT INTO "cells" VALUES(5,'active_disclosure','normative_documents','published');
INSERT INTO "cells" VALUES(6,'active_disclosure','normative_documents','total_published');
INSERT INTO "cells" VALUES(7,'active_disclosure','administrative_license','previous_count');
INSERT INTO "cells" VALUES(8,'active_disclosure','administrative_license','change');
INSERT INTO "cells" VALUES(9,'active_disclosure','administrative_license','decisions');
INSERT INTO "cells" VALUES(10,'active_disclosure','other_services','previous_count');
INSERT INTO "cells" VALUES(11,'active_disclosure','other_services','change');
INSERT INTO "cells" VALUES(12,'active_disclosure','other_services','decisions');
INSERT INTO "cells" VALUES(13,'active_disclosure','administrative_penalty','previous_count');
INSERT INTO "cells" VALUES(14,'active_disclosure','administrative_penalty','change');
INSERT INTO "cells" VALUES(15,'active_disclosure','administrative_penalty','decisions');
INSERT INTO "cells" VALUES(16,'active_disclosure','administrative_coercion','previous_count');
INSERT INTO "cells" VALUES(17,'active_disclosure','administrative_coercion','change');
INSERT INTO "cells" VALUES(18,'active_disclosure','administrative_coercion','decisions');
INSERT INTO "cells" VALUES(19,'active_disclosure','administrative_fees','previous_count');
INSERT INTO "cells" VALUES(20,'active_disclosure','administrative_fees','change');
INSERT INTO "cells" VALUES(21,'active_disclosure','centralized_procurement','projects');
INSERT INTO "cells" VALUES(22,'active_disclosure','centralized_procurement','amount');
INSERT INTO "cells" VALUES(23,'applications','new_requests','natural_person');
INSERT INTO "cells" VALUES(24,'applications','new_requests','commercial_enterprise');
INSERT INTO "cells" VALUES(25,'applications','new_requests','research_institution');
INSERT INTO "cells" VALUES(26,'applications','new_requests','social_organization');
INSERT INTO "cells" VALUES(27,'applications','new_requests','legal_service');
INSERT INTO "cells" VALUES(28,'applications','new_requests','other_organization');
INSERT INTO "cells" VALUES(29,'applications','new_requests','total');
INSERT INTO "cells" VALUES(30,'applications','carried_over','natural_person');
INSERT INTO "cells" VALUES(31,'applications','carried_over','commercial_enterprise');
INSERT INTO "cells" VALUES(32,'applications','carried_over','research_institution');
INSERT INTO "cells" VALUES(33,'applications','carried_over','social_organization');
INSERT INTO "cells" VALUES(34,'applications','carried_over','legal_service');
INSERT INTO "cells" VALUES(35,'applications','carried_over','other_organization');
INSERT INTO "cells" VALUES(36,'applications','carried_over','total');
INSERT INTO "cells" VALUES(37,'applications','disclosed','natural_person');
INSERT INTO "cells" VALUES(38,'applications','disclosed','commercial_enterprise');
INSERT INTO "cells" VALUES(39,'applications','disclosed','research_institution');
INSERT INTO "cells" VALUES(40,'applications','disclosed','social_organization');
INSERT INTO "cells" VALUES(41,'applications','disclosed','legal_service');
INSERT INTO "cells" VALUES(42,'applications','disclosed','other_organization');
INSERT INTO "cells" VALUES(43,'applications','disclosed','total');
INSERT INTO "cells" VALUES(44,'applications','partially_disclosed','natural_person');
INSERT INTO "cells" VALUES(45,'applications','partially_disclosed','commercial_enterprise');
INSERT INTO "cells" VALUES(46,'applications','partially_disclosed','research_institution');
INSERT INTO "cells" VALUES(47,'applications','partially_disclosed','social_organization');
INSERT INTO "cells" VALUES(48,'applications','partially_disclosed','legal_service');
INSERT INTO "cells" VALUES(49,'applications','partially_disclosed','other_organization');
INSERT INTO "cells" VALUES(50,'applications','partially_disclosed','total');
INSERT INTO "cells" VALUES(51,'applications','denied_state_secret','natural_person');
INSERT INTO "cells" VALUES(52,'applications','denied_state_secret','commercial_enterprise');
INSERT INTO "cells" VALUES(53,'applications','denied_state_secret','research_institution');
INSERT INTO "cells" VALUES(54,'applications','denied_state_secret','social_organization');
INSERT INTO "cells" VALUES(55,'applications','denied_state_secret','legal_service');
INSERT INTO "cells" VALUES(56,'applications','denied_state_secret','other_organization');
INSERT INTO "cells" VALUES(57,'applications','denied_state_secret','total');
INSERT INTO "cells" VALUES(58,'applications','denied_prohibited_by_law','natural_person');
INSERT INTO "cells" VALUES(59,'applications','denied_prohibited_by_law','commercial_enterprise');
INSERT INTO "cells" VALUES(60,'applications','denied_prohibited_by_law','research_institution');
INSERT INTO "cells" VALUES(61,'applications','denied_prohibited_by_law','social_organization');
INSERT INTO "cells" VALUES(62,'applications','denied_prohibited_by_law','legal_service');
INSERT INTO "cells" VALUES(63,'applications','denied_prohibited_by_law','other_organization');
INSERT INTO "cells" VALUES(64,'applications','denied_prohibited_by_law','total');
INSERT INTO "cells" VALUES(65,'applications','denied_three_securities_one_stability','natural_person');
INSERT INTO "cells" VALUES(66,'applications','denied_three_securities_one_stability','commercial_enterprise');
INSERT INTO "cells" VALUES(67,'applications','denied_three_securities_one_stability','research_institution');
INSERT INTO "cells" VALUES(68,'applications','denied_three_securities_one_stability','social_organization');
INSERT INTO "cells" VALUES(69,'applications','denied_three_securities_one_stability','legal_service');
INSERT INTO "cells" VALUES(70,'applications','denied_three_securities_one_stability','other_organization');
INSERT INTO "cells" VALUES(71,'applications','denied_three_securities_one_stability','total');
INSERT INTO "cells" VALUES(72,'applications','denied_third_party_rights','natural_person');
INSERT INTO "cells" VALUES(73,'applications','denied_third_party_rights','commercial_enterprise');
INSERT INTO "cells" VALUES(74,'applications','denied_third_party_rights','research_institution');
INSERT INTO "cells" VALUES(75,'applications','denied_third_party_rights','social_organization');
INSERT INTO "cells" VALUES(76,'applications','denied_third_party_rights','legal_service');
INSERT INTO "cells" VALUES(77,'applications','denied_third_party_rights','other_organization');
INSERT INTO "cells" VALUES(78,'applications','denied_third_party_rights','total');
INSERT INTO "cells" VALUES(79,'applications','denied_internal_affairs','natural_person');
INSERT INTO "cells" VALUES(80,'applications','denied_internal_affairs','commercial_enterprise');
INSERT INTO "cells" VALUES(81,'applications','denied_internal_affairs','research_institution');
INSERT INTO "cells" VALUES(82,'applications','denied_internal_affairs','social_organization');
INSERT INTO "cells" VALUES(83,'applications','denied_internal_affairs','legal_service');
INSERT INTO "cells" VALUES(84,'applications','denied_internal_affairs','other_organization');
INSERT INTO "cells" VALUES(85,'applications','denied_internal_affairs','total');
INSERT INTO "cells" VALUES(86,'applications','denied_process_information','natural_person');
INSERT INTO "cells" VALUES(87,'applications','denied_process_information','commercial_enterprise');
INSERT INTO "cells" VALUES(88,'applications','denied_process_information','research_institution');
INSERT INTO "cells" VALUES(89,'applications','denied_process_information','social_organization');
INSERT INTO "cells" VALUES(90,'applications','denied_process_information','legal_service');
INSERT INTO "cells" VALUES(91,'applications','denied_process_information','other_organization');
INSERT INTO "cells" VALUES(92,'applications','denied_process_information','total');
INSERT INTO "cells" VALUES(93,'applications','denied_law_enforcement_file','natural_person');
INSERT INTO "cells" VALUES(94,'applications','denied_law_enforcement_file','commercial_enterprise');
INSERT INTO "cells" VALUES(95,'applications','denied_law_enforcement_file','research_institution');
INSERT INTO "cells" VALUES(96,'applications','denied_law_enforcement_file','social_organization');
INSERT INTO "cells" VALUES(97,'applications','denied_law_enforcement_file','legal_service');
INSERT INTO "cells" VALUES(98,'applications','denied_law_enforcement_file','other_organization');
INSERT INTO "cells" VALUES(99,'applications','denied_law_enforcement_file','total');
INSERT INTO "cells" VALUES(100,'applications','denied_administrative_query','natural_person');
INSERT INTO "cells" VALUES(101,'applications','denied_administrative_query','commercial_enterprise');
INSERT INTO "cells" VALUES(102,'applications','denied_administrative_query','research_institution');
INSERT INTO "cells" VALUES(103,'applications','denied_administrative_query','social_organization');
INSERT INTO "cells" VALUES(104,'applications','denied_administrative_query','legal_service');
INSERT INTO "cells" VALUES(105,'applications','denied_administrative_query','other_organization');
INSERT INTO "cells" VALUES(106,'applications','denied_administrative_query','total');
INSERT INTO "cells" VALUES(107,'applications','unable_not_held','natural_person');
INSERT INTO "cells" VALUES(108,'applications','unable_not_held','commercial_enterprise');
INSERT INTO "cells" VALUES(109,'applications','unable_not_held','research_institution');
INSERT INTO "cells" VALUES(110,'applications','unable_not_held','social_organization');
INSERT INTO "cells" VALUES(111,'applications','unable_not_held','legal_service');
INSERT INTO "cells" VALUES(112,'applications','unable_not_held','other_organization');
INSERT INTO "cells" VALUES(113,'applications','unable_not_held','total');
INSERT INTO "cells" VALUES(114,'applications','unable_needs_creation','natural_person');
INSERT INTO "cells" VALUES(115,'applications','unable_needs_creation','commercial_enterprise');
INSERT INTO "cells" VALUES(116,'applications','unable_needs_creation','research_institution');
INSERT INTO "cells" VALUES(117,'applications','unable_needs_creation','social_organization');
INSERT INTO "cells" VALUES(118,'applications','unable_needs_creation','legal_service');
INSERT INTO "cells" VALUES(119,'applications','unable_needs_creation','other_organization');
INSERT INTO "cells" VALUES(120,'applications','unable_needs_creation','total');
INSERT INTO "cells" VALUES(121,'applications','unable_unclear_after_correction','natural_person');
INSERT INTO "cells" VALUES(122,'applications','unable_unclear_after_correction','commercial_enterprise');
INSERT INTO "cells" VALUES(123,'applications','unable_unclear_after_correction','research_institution');
INSERT INTO "cells" VALUES(124,'applications','unable_unclear_after_correction','social_organization');
INSERT INTO "cells" VALUES(125,'applications','unable_unclear_after_correction','legal_service');
INSERT INTO "cells" VALUES(126,'applications','unable_unclear_after_correction','other_organization');
INSERT INTO "cells" VALUES(127,'applications','unable_unclear_after_correction','total');
INSERT INTO "cells" VALUES(128,'applications','not_processed_petition','natural_person');
INSERT INTO "cells" VALUES(129,'applications','not_processed_petition','commercial_enterprise');
INSERT INTO "cells" VALUES(130,'applications','not_processed_petition','research_institution');
INSERT INTO "cells" VALUES(131,'applications','not_processed_petition','social_organization');
INSERT INTO "cells" VALUES(132,'applications','not_processed_petition','legal_service');
INSERT INTO "cells" VALUES(133,'applications','not_processed_petition','other_organization');
INSERT INTO "cells" VALUES(134,'applications','not_processed_petition','total');
INSERT INTO "cells" VALUES(135,'applications','not_processed_duplicate','natural_person');
INSERT INTO "cells" VALUES(136,'applications','not_processed_duplicate','commercial_enterprise');
INSERT INTO "cells" VALUES(137,'applications','not_processed_duplicate','research_institution');
INSERT INTO "cells" VALUES(138,'applications','not_processed_duplicate','social_organization');
INSERT INTO "cells" VALUES(139,'applications','not_processed_duplicate','legal_service');
INSERT INTO "cells" VALUES(140,'applications','not_processed_duplicate','other_organization');
INSERT INTO "cells" VALUES(141,'applications','not_processed_duplicate','total');
INSERT INTO "cells" VALUES(142,'applications','not_processed_publication','natural_person');
INSERT INTO "cells" VALUES(143,'applications','not_processed_publication','commercial_enterprise');
INSERT INTO "cells" VALUES(144,'applications','not_processed_publication','research_institution');
INSERT INTO "cells" VALUES(145,'applications','not_processed_publication','social_organization');
INSERT INTO "cells" VALUES(146,'applications','not_processed_publication','legal_service');
INSERT INTO "cells" VALUES(147,'applications','not_processed_publication','other_organization');
INSERT INTO "cells" VALUES(148,'applications','not_processed_publication','total');
INSERT INTO "cells" VALUES(149,'applications','not_processed_excessive','natural_person');
INSERT INTO "cells" VALUES(150,'applications','not_processed_excessive','commercial_enterprise');
INSERT INTO "cells" VALUES(151,'applications','not_processed_excessive','research_institution');
INSERT INTO "cells" VALUES(152,'applications','not_processed_excessive','social_organization');
INSERT INTO "cells" VALUES(153,'applications','not_processed_excessive','legal_service');
INSERT INTO "cells" VALUES(154,'applications','not_processed_excessive','other_organization');
INSERT INTO "cells" VALUES(155,'applications','not_processed_excessive','total');
INSERT INTO "cells" VALUES(156,'applications','not_processed_confirmation','natural_person');
INSERT INTO "cells" VALUES(157,'applications','not_processed_confirmation','commercial_enterprise');
INSERT INTO "cells" VALUES(158,'applications','not_processed_confirmation','research_institution');
INSERT INTO "cells" VALUES(159,'applications','not_processed_confirmation','social_organization');
INSERT INTO "cells" VALUES(160,'applications','not_processed_confirmation','legal_service');
INSERT INTO "cells" VALUES(161,'applications','not_processed_confirmation','other_organization');
INSERT INTO "cells" VALUES(162,'applications','not_processed_confirmation','total');
INSERT INTO "cells" VALUES(163,'applications','other_handling','natural_person');
INSERT INTO "cells" VALUES(164,'applications','other_handling','commercial_enterprise');
INSERT INTO "cells" VALUES(165,'applications','other_handling','research_institution');
INSERT INTO "cells" VALUES(166,'applications','other_handling','social_organization');
INSERT INTO "cells" VALUES(167,'applications','other_handling','legal_service');
INSERT INTO "cells" VALUES(168,'applications','other_handling','other_organization');
INSERT INTO "cells" VALUES(169,'applications','other_handling','total');
INSERT INTO "cells" VALUES(170,'applications','total_handled','natural_person');
INSERT INTO "cells" VALUES(171,'applications','total_handled','commercial_enterprise');
INSERT INTO "cells" VALUES(172,'applications','total_handled','research_institution');
INSERT INTO "cells" VALUES(173,'applications','total_handled','social_organization');
INSERT INTO "cells" VALUES(174,'applications','total_handled','legal_service');
INSERT INTO "cells" VALUES(175,'applications','total_handled','other_organization');
INSERT INTO "cells" VALUES(176,'applications','total_handled','total');
INSERT INTO "cells" VALUES(177,'applications','carried_forward','natural_person');
INSERT INTO "cells" VALUES(178,'applications','carried_forward','commercial_enterprise');
INSERT INTO "cells" VALUES(179,'applications','carried_forward','research_institution');
INSERT INTO "cells" VALUES(180,'applications','carried_forward','social_organization');
INSERT INTO "cells" VALUES(181,'applications','carried_forward','legal_service');
INSERT INTO "cells" VALUES(182,'applications','carried_forward','other_organization');
INSERT INTO "cells" VALUES(183,'applications','carried_forward','total');
INSERT INTO "cells" VALUES(184,'review_litigation','review','upheld');
INSERT INTO "cells" VALUES(185,'review_litigation','review','corrected');
INSERT INTO "cells" VALUES(186,'review_litigation','review','other');
INSERT INTO "cells" VALUES(187,'review_litigation','review','pending');
INSERT INTO "cells" VALUES(188,'review_litigation','review','total');
INSERT INTO "cells" VALUES(189,'review_litigation','litigation_direct','upheld');
INSERT INTO "cells" VALUES(190,'review_litigation','litigation_direct','corrected');
INSERT INTO "cells" VALUES(191,'review_litigation','litigation_direct','other');
INSERT INTO "cells" VALUES(192,'review_litigation','litigation_direct','pending');
INSERT INTO "cells" VALUES(193,'review_litigation','litigation_direct','total');
INSERT INTO "cells" VALUES(194,'review_litigation','litigation_after_review','upheld');
INSERT INTO "cells" VALUES(195,'review_litigation','litigation_after_review','corrected');
INSERT INTO "cells" VALUES(196,'review_litigation','litigation_after_review','other');
INSERT INTO "cells" VALUES(197,'review_litigation','litigation_after_review','pending');
INSERT INTO "cells" VALUES(198,'review_litigation','litigation_after_review','total');
INSERT INTO "cells" VALUES(199,'active_disclosure','rules','issued');
INSERT INTO "cells" VALUES(200,'active_disclosure','rules','repealed');
INSERT INTO "cells" VALUES(201,'active_disclosure','rules','in_force');
INSERT INTO "cells" VALUES(202,'active_disclosure','normative_documents','issued');
INSERT INTO "cells" VALUES(203,'active_disclosure','normative_documents','repealed');
INSERT INTO "cells" VALUES(204,'active_disclosure','normative_documents','in_force');
INSERT INTO "cells" VALUES(205,'active_disclosure','administrative_fees','amount');
INSERT INTO "cells" VALUES(206,'applications','other_no_correction','natural_person');
INSERT INTO "cells" VALUES(207,'applications','other_no_correction','commercial_enterprise');
INSERT INTO "cells" VALUES(208,'applications','other_no_correction','research_institution');
INSERT INTO "cells" VALUES(209,'applications','other_no_correction','social_organization');
INSERT INTO "cells" VALUES(210,'applications','other_no_correction','legal_service');
INSERT INTO "cells" VALUES(211,'applications','other_no_correction','other_organization');
INSERT INTO "cells" VALUES(212,'applications','other_no_correction','total');
INSERT INTO "cells" VALUES(213,'applications','other_unpaid_fee','natural_person');
INSERT INTO "cells" VALUES(214,'applications','other_unpaid_fee','commercial_enterprise');
INSERT INTO "cells" VALUES(215,'applications','other_unpaid_fee','research_institution');
INSERT INTO "cells" VALUES(216,'applications','other_unpaid_fee','social_organization');
INSERT INTO "cells" VALUES(217,'applications','other_unpaid_fee','legal_service');
INSERT INTO "cells" VALUES(218,'applications','other_unpaid_fee','other_organization');
INSERT INTO "cells" VALUES(219,'applications','other_unpaid_fee','total');
INSERT INTO "cells" VALUES(220,'applications','other_other','natural_person');
INSERT INTO "cells" VALUES(221,'applications','other_other','commercial_enterprise');
INSERT INTO "cells" VALUES(222,'applications','other_other','research_institution');
INSERT INTO "cells" VALUES(223,'applications','other_other','social_organization');
INSERT INTO "cells" VALUES(224,'applications','other_other','legal_service');
INSERT INTO "cells" VALUES(225,'applications','other_other','other_organization');
INSERT INTO "cells" VALUES(226,'applications','other_other','total');
INSERT INTO "cells" VALUES(227,'applications','extra_row','total');
CREATE TABLE codebook_cells (
    format TEXT NOT NULL,
    cell_id INTEGER NOT NULL REFERENCES cells(id),
    section_label INTEGER NOT NULL REFERENCES codebook_labels(id),
    row_label INTEGER NOT NULL REFERENCES codebook_labels(id),
    column_label INTEGER NOT NULL REFERENCES codebook_labels(id),
    kind TEXT NOT NULL,
    PRIMARY KEY (format, cell_id)) WITHOUT ROWID;
INSERT INTO "codebook_cells" VALUES('2019',1,1,2,3,'count');
INSERT INTO "codebook_cells" VALUES('2019',2,1,2,4,'count');
INSERT INTO "codebook_cells" VALUES('2019',3,1,2,5,'count');
INSERT INTO "codebook_cells" VALUES('2019',4,1,6,3,'count');
INSERT INTO "codebook_cells" VALUES('2019',5,1,6,4,'count');
INSERT INTO "codebook_cells" VALUES('2019',6,1,6,5,'count');
INSERT INTO "codebook_cells" VALUES('2019',7,1,7,8,'count');
INSERT INTO "codebook_cells" VALUES('2019',8,1,7,9,'signed_count');
INSERT INTO "codebook_cells" VALUES('2019',9,1,7,10,'count');
INSERT INTO "codebook_cells" VALUES('2019',10,1,11,8,'count');
INSERT INTO "codebook_cells" VALUES('2019',11,1,11,9,'signed_count');
INSERT INTO "codebook_cells" VALUES('2019',12,1,11,10,'count');
INSERT INTO "codebook_cells" VALUES('2019',13,1,12,8,'count');
INSERT INTO "codebook_cells" VALUES('2019',14,1,12,9,'signed_count');
INSERT INTO "codebook_cells" VALUES('2019',15,1,12,10,'count');
INSERT INTO "codebook_cells" VALUES('2019',16,1,13,8,'count');
INSERT INTO "codebook_cells" VALUES('2019',17,1,13,9,'signed_count');
INSERT INTO "codebook_cells" VALUES('2019',18,1,13,10,'count');
INSERT INTO "codebook_cells" VALUES('2019',19,1,14,8,'count');
INSERT INTO "codebook_cells" VALUES('2019',20,1,14,9,'signed_count');
INSERT INTO "codebook_cells" VALUES('2019',21,1,15,16,'count');
INSERT INTO "codebook_cells" VALUES('2019',22,1,15,17,'money');
INSERT INTO "codebook_cells" VALUES('2019',23,18,19,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',24,18,19,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',25,18,19,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',26,18,19,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',27,18,19,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',28,18,19,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',29,18,19,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',30,18,27,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',31,18,27,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',32,18,27,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',33,18,27,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',34,18,27,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',35,18,27,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',36,18,27,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',37,18,28,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',38,18,28,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',39,18,28,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',40,18,28,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',41,18,28,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',42,18,28,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',43,18,28,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',44,18,29,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',45,18,29,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',46,18,29,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',47,18,29,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',48,18,29,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',49,18,29,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',50,18,29,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',51,18,30,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',52,18,30,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',53,18,30,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',54,18,30,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',55,18,30,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',56,18,30,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',57,18,30,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',58,18,31,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',59,18,31,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',60,18,31,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',61,18,31,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',62,18,31,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',63,18,31,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',64,18,31,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',65,18,32,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',66,18,32,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',67,18,32,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',68,18,32,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',69,18,32,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',70,18,32,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',71,18,32,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',72,18,33,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',73,18,33,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',74,18,33,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',75,18,33,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',76,18,33,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',77,18,33,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',78,18,33,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',79,18,34,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',80,18,34,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',81,18,34,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',82,18,34,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',83,18,34,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',84,18,34,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',85,18,34,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',86,18,35,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',87,18,35,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',88,18,35,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',89,18,35,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',90,18,35,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',91,18,35,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',92,18,35,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',93,18,36,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',94,18,36,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',95,18,36,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',96,18,36,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',97,18,36,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',98,18,36,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',99,18,36,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',100,18,37,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',101,18,37,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',102,18,37,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',103,18,37,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',104,18,37,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',105,18,37,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',106,18,37,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',107,18,38,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',108,18,38,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',109,18,38,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',110,18,38,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',111,18,38,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',112,18,38,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',113,18,38,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',114,18,39,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',115,18,39,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',116,18,39,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',117,18,39,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',118,18,39,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',119,18,39,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',120,18,39,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',121,18,40,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',122,18,40,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',123,18,40,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',124,18,40,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',125,18,40,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',126,18,40,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',127,18,40,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',128,18,41,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',129,18,41,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',130,18,41,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',131,18,41,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',132,18,41,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',133,18,41,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',134,18,41,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',135,18,42,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',136,18,42,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',137,18,42,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',138,18,42,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',139,18,42,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',140,18,42,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',141,18,42,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',142,18,43,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',143,18,43,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',144,18,43,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',145,18,43,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',146,18,43,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',147,18,43,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',148,18,43,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',149,18,44,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',150,18,44,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',151,18,44,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',152,18,44,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',153,18,44,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',154,18,44,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',155,18,44,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',156,18,45,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',157,18,45,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',158,18,45,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',159,18,45,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',160,18,45,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',161,18,45,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',162,18,45,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',163,18,46,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',164,18,46,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',165,18,46,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',166,18,46,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',167,18,46,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',168,18,46,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',169,18,46,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',170,18,47,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',171,18,47,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',172,18,47,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',173,18,47,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',174,18,47,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',175,18,47,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',176,18,47,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',177,18,48,20,'count');
INSERT INTO "codebook_cells" VALUES('2019',178,18,48,21,'count');
INSERT INTO "codebook_cells" VALUES('2019',179,18,48,22,'count');
INSERT INTO "codebook_cells" VALUES('2019',180,18,48,23,'count');
INSERT INTO "codebook_cells" VALUES('2019',181,18,48,24,'count');
INSERT INTO "codebook_cells" VALUES('2019',182,18,48,25,'count');
INSERT INTO "codebook_cells" VALUES('2019',183,18,48,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',184,49,50,51,'count');
INSERT INTO "codebook_cells" VALUES('2019',185,49,50,52,'count');
INSERT INTO "codebook_cells" VALUES('2019',186,49,50,53,'count');
INSERT INTO "codebook_cells" VALUES('2019',187,49,50,54,'count');
INSERT INTO "codebook_cells" VALUES('2019',188,49,50,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',189,49,55,51,'count');
INSERT INTO "codebook_cells" VALUES('2019',190,49,55,52,'count');
INSERT INTO "codebook_cells" VALUES('2019',191,49,55,53,'count');
INSERT INTO "codebook_cells" VALUES('2019',192,49,55,54,'count');
INSERT INTO "codebook_cells" VALUES('2019',193,49,55,26,'count');
INSERT INTO "codebook_cells" VALUES('2019',194,49,56,51,'count');
INSERT INTO "codebook_cells" VALUES('2019',195,49,56,52,'count');
INSERT INTO "codebook_cells" VALUES('2019',196,49,56,53,'count');
INSERT INTO "codebook_cells" VALUES('2019',197,49,56,54,'count');
INSERT INTO "codebook_cells" VALUES('2019',198,49,56,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',9,1,7,61,'count');
INSERT INTO "codebook_cells" VALUES('2021',15,1,12,61,'count');
INSERT INTO "codebook_cells" VALUES('2021',18,1,13,61,'count');
INSERT INTO "codebook_cells" VALUES('2021',23,18,19,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',24,18,19,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',25,18,19,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',26,18,19,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',27,18,19,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',28,18,19,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',29,18,19,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',30,18,27,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',31,18,27,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',32,18,27,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',33,18,27,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',34,18,27,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',35,18,27,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',36,18,27,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',37,18,28,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',38,18,28,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',39,18,28,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',40,18,28,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',41,18,28,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',42,18,28,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',43,18,28,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',44,18,29,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',45,18,29,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',46,18,29,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',47,18,29,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',48,18,29,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',49,18,29,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',50,18,29,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',51,18,30,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',52,18,30,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',53,18,30,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',54,18,30,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',55,18,30,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',56,18,30,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',57,18,30,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',58,18,31,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',59,18,31,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',60,18,31,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',61,18,31,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',62,18,31,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',63,18,31,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',64,18,31,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',65,18,32,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',66,18,32,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',67,18,32,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',68,18,32,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',69,18,32,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',70,18,32,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',71,18,32,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',72,18,33,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',73,18,33,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',74,18,33,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',75,18,33,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',76,18,33,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',77,18,33,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',78,18,33,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',79,18,34,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',80,18,34,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',81,18,34,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',82,18,34,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',83,18,34,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',84,18,34,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',85,18,34,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',86,18,35,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',87,18,35,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',88,18,35,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',89,18,35,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',90,18,35,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',91,18,35,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',92,18,35,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',93,18,36,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',94,18,36,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',95,18,36,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',96,18,36,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',97,18,36,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',98,18,36,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',99,18,36,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',100,18,37,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',101,18,37,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',102,18,37,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',103,18,37,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',104,18,37,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',105,18,37,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',106,18,37,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',107,18,38,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',108,18,38,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',109,18,38,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',110,18,38,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',111,18,38,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',112,18,38,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',113,18,38,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',114,18,39,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',115,18,39,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',116,18,39,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',117,18,39,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',118,18,39,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',119,18,39,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',120,18,39,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',121,18,40,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',122,18,40,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',123,18,40,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',124,18,40,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',125,18,40,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',126,18,40,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',127,18,40,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',128,18,41,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',129,18,41,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',130,18,41,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',131,18,41,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',132,18,41,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',133,18,41,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',134,18,41,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',135,18,42,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',136,18,42,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',137,18,42,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',138,18,42,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',139,18,42,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',140,18,42,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',141,18,42,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',142,18,43,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',143,18,43,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',144,18,43,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',145,18,43,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',146,18,43,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',147,18,43,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',148,18,43,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',149,18,44,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',150,18,44,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',151,18,44,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',152,18,44,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',153,18,44,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',154,18,44,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',155,18,44,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',156,18,45,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',157,18,45,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',158,18,45,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',159,18,45,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',160,18,45,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',161,18,45,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',162,18,45,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',170,18,47,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',171,18,47,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',172,18,47,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',173,18,47,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',174,18,47,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',175,18,47,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',176,18,47,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',177,18,48,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',178,18,48,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',179,18,48,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',180,18,48,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',181,18,48,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',182,18,48,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',183,18,48,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',184,49,50,51,'count');
INSERT INTO "codebook_cells" VALUES('2021',185,49,50,52,'count');
INSERT INTO "codebook_cells" VALUES('2021',186,49,50,53,'count');
INSERT INTO "codebook_cells" VALUES('2021',187,49,50,54,'count');
INSERT INTO "codebook_cells" VALUES('2021',188,49,50,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',189,49,55,51,'count');
INSERT INTO "codebook_cells" VALUES('2021',190,49,55,52,'count');
INSERT INTO "codebook_cells" VALUES('2021',191,49,55,53,'count');
INSERT INTO "codebook_cells" VALUES('2021',192,49,55,54,'count');
INSERT INTO "codebook_cells" VALUES('2021',193,49,55,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',194,49,56,51,'count');
INSERT INTO "codebook_cells" VALUES('2021',195,49,56,52,'count');
INSERT INTO "codebook_cells" VALUES('2021',196,49,56,53,'count');
INSERT INTO "codebook_cells" VALUES('2021',197,49,56,54,'count');
INSERT INTO "codebook_cells" VALUES('2021',198,49,56,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',199,1,2,57,'count');
INSERT INTO "codebook_cells" VALUES('2021',200,1,2,58,'count');
INSERT INTO "codebook_cells" VALUES('2021',201,1,2,59,'count');
INSERT INTO "codebook_cells" VALUES('2021',202,1,60,57,'count');
INSERT INTO "codebook_cells" VALUES('2021',203,1,60,58,'count');
INSERT INTO "codebook_cells" VALUES('2021',204,1,60,59,'count');
INSERT INTO "codebook_cells" VALUES('2021',205,1,14,62,'money');
INSERT INTO "codebook_cells" VALUES('2021',206,18,63,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',207,18,63,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',208,18,63,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',209,18,63,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',210,18,63,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',211,18,63,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',212,18,63,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',213,18,64,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',214,18,64,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',215,18,64,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',216,18,64,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',217,18,64,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',218,18,64,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',219,18,64,26,'count');
INSERT INTO "codebook_cells" VALUES('2021',220,18,65,20,'count');
INSERT INTO "codebook_cells" VALUES('2021',221,18,65,21,'count');
INSERT INTO "codebook_cells" VALUES('2021',222,18,65,22,'count');
INSERT INTO "codebook_cells" VALUES('2021',223,18,65,23,'count');
INSERT INTO "codebook_cells" VALUES('2021',224,18,65,24,'count');
INSERT INTO "codebook_cells" VALUES('2021',225,18,65,25,'count');
INSERT INTO "codebook_cells" VALUES('2021',226,18,65,26,'count');
CREATE TABLE codebook_labels (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
INSERT INTO "codebook_labels" VALUES(1,'主动公开政府信息情况');
INSERT INTO "codebook_labels" VALUES(2,'规章');
INSERT INTO "codebook_labels" VALUES(3,'本年新制作数量');
INSERT INTO "codebook_labels" VALUES(4,'本年新公开数量');
INSERT INTO "codebook_labels" VALUES(5,'对外公开总数量');
INSERT INTO "codebook_labels" VALUES(6,'规范性文件');
INSERT INTO "codebook_labels" VALUES(7,'行政许可');
INSERT INTO "codebook_labels" VALUES(8,'上一年项目数量');
INSERT INTO "codebook_labels" VALUES(9,'本年增/减');
INSERT INTO "codebook_labels" VALUES(10,'处理决定数量');
INSERT INTO "codebook_labels" VALUES(11,'其他对外管理服务事项');
INSERT INTO "codebook_labels" VALUES(12,'行政处罚');
INSERT INTO "codebook_labels" VALUES(13,'行政强制');
INSERT INTO "codebook_labels" VALUES(14,'行政事业性收费');
INSERT INTO "codebook_labels" VALUES(15,'政府集中采购');
INSERT INTO "codebook_labels" VALUES(16,'采购项目数量');
INSERT INTO "codebook_labels" VALUES(17,'采购总金额');
INSERT INTO "codebook_labels" VALUES(18,'收到和处理政府信息公开申请情况');
INSERT INTO "codebook_labels" VALUES(19,'一、本年新收政府信息公开申请数量');
INSERT INTO "codebook_labels" VALUES(20,'自然人');
INSERT INTO "codebook_labels" VALUES(21,'法人或其他组织 商业企业');
INSERT INTO "codebook_labels" VALUES(22,'法人或其他组织 科研机构');
INSERT INTO "codebook_labels" VALUES(23,'法人或其他组织 社会公益组织');
INSERT INTO "codebook_labels" VALUES(24,'法人或其他组织 法律服务机构');
INSERT INTO "codebook_labels" VALUES(25,'法人或其他组织 其他');
INSERT INTO "codebook_labels" VALUES(26,'总计');
INSERT INTO "codebook_labels" VALUES(27,'二、上年结转政府信息公开申请数量');
INSERT INTO "codebook_labels" VALUES(28,'（一）予以公开');
INSERT INTO "codebook_labels" VALUES(29,'（二）部分公开');
INSERT INTO "codebook_labels" VALUES(30,'（三）不予公开 1.属于国家秘密');
INSERT INTO "codebook_labels" VALUES(31,'（三）不予公开 2.其他法律行政法规禁止公开');
INSERT INTO "codebook_labels" VALUES(32,'（三）不予公开 3.危及“三安全一稳定”');
INSERT INTO "codebook_labels" VALUES(33,'（三）不予公开 4.保护第三方合法权益');
INSERT INTO "codebook_labels" VALUES(34,'（三）不予公开 5.属于三类内部事务信息');
INSERT INTO "codebook_labels" VALUES(35,'（三）不予公开 6.属于四类过程性信息');
INSERT INTO "codebook_labels" VALUES(36,'（三）不予公开 7.属于行政执法案卷');
INSERT INTO "codebook_labels" VALUES(37,'（三）不予公开 8.属于行政查询事项');
INSERT INTO "codebook_labels" VALUES(38,'（四）无法提供 1.本机关不掌握相关政府信息');
INSERT INTO "codebook_labels" VALUES(39,'（四）无法提供 2.没有现成信息需要另行制作');
INSERT INTO "codebook_labels" VALUES(40,'（四）无法提供 3.补正后申请内容仍不明确');
INSERT INTO "codebook_labels" VALUES(41,'（五）不予处理 1.信访举报投诉类申请');
INSERT INTO "codebook_labels" VALUES(42,'（五）不予处理 2.重复申请');
INSERT INTO "codebook_labels" VALUES(43,'（五）不予处理 3.要求提供公开出版物');
INSERT INTO "codebook_labels" VALUES(44,'（五）不予处理 4.无正当理由大量反复申请');
INSERT INTO "codebook_labels" VALUES(45,'（五）不予处理 5.要求行政机关确认或重新出具已获取信息');
INSERT INTO "codebook_labels" VALUES(46,'（六）其他处理');
INSERT INTO "codebook_labels" VALUES(47,'（七）总计');
INSERT INTO "codebook_labels" VALUES(48,'四、结转下年度继续办理');
INSERT INTO "codebook_labels" VALUES(49,'政府信息公开行政复议、行政诉讼情况');
INSERT INTO "codebook_labels" VALUES(50,'行政复议');
INSERT INTO "codebook_labels" VALUES(51,'结果维持');
INSERT INTO "codebook_labels" VALUES(52,'结果纠正');
INSERT INTO "codebook_labels" VALUES(53,'其他结果');
INSERT INTO "codebook_labels" VALUES(54,'尚未审结');
INSERT INTO "codebook_labels" VALUES(55,'行政诉讼 未经复议直接起诉');
INSERT INTO "codebook_labels" VALUES(56,'行政诉讼 复议后起诉');
INSERT INTO "codebook_labels" VALUES(57,'本年制发件数');
INSERT INTO "codebook_labels" VALUES(58,'本年废止件数');
INSERT INTO "codebook_labels" VALUES(59,'现行有效件数');
INSERT INTO "codebook_labels" VALUES(60,'行政规范性文件');
INSERT INTO "codebook_labels" VALUES(61,'本年处理决定数量');
INSERT INTO "codebook_labels" VALUES(62,'本年收费金额');
INSERT INTO "codebook_labels" VALUES(63,'（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
INSERT INTO "codebook_labels" VALUES(64,'（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
INSERT INTO "codebook_labels" VALUES(65,'（六）其他处理 3.其他');
CREATE TABLE "crawls" (
   "id" INTEGER PRIMARY KEY,
   "started" TEXT,
   "finished" TEXT,
   "status" TEXT,
   "sites" TEXT,
   "software_version" TEXT,
   "settings_digest" TEXT,
   "stats" TEXT
, "worker" TEXT);
INSERT INTO "crawls" VALUES(1,'2026-12-05T01:18:20.493968Z','2026-12-05T01:18:34.493646Z','finished','["demo-trs"]','0.1.0','451ecf74ca44ee425bcc179a81de7fc3ead3870479b3f5eddc8dd17f65697ce5','{"downloader/exception_count": 1, "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 1, "downloader/request_bytes": 17417, "downloader/request_count": 47, "downloader/request_method_count/GET": 47, "downloader/response_bytes": 3550856, "downloader/response_count": 47, "downloader/response_status_count/200": 44, "downloader/response_status_count/301": 1, "downloader/response_status_count/404": 1, "downloader/response_status_count/500": 1, "elapsed_time_seconds": 9.149612103001346, "finish_reason": "finished", "finish_time": "2026-12-05 01:18:29.658564+00:00", "item_scraped_count": 51, "items_per_minute": 340.0, "log_count/INFO": 36, "log_count/WARNING": 3, "memusage/max": 109400064, "memusage/startup": 109400064, "nianbao/archive/captures/attachment": 6, "nianbao/archive/captures/error": 2, "nianbao/archive/captures/list": 12, "nianbao/archive/captures/report": 22, "nianbao/archive/captures/soft-404": 2, "nianbao/archive/crawl_id": 1, "nianbao/archive/documents/duplicate": 1, "nianbao/archive/documents/new": 43, "nianbao/archive/exchanges/redirect": 1, "nianbao/archive/exchanges/retry": 1, "nianbao/archive/exchanges/robots": 1, "nianbao/archive/versions/new": 4, "nianbao/discovery": {"before_first_column": null, "budget": 30, "cms": "trs", "columns": ["http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/index.html"], "dropped": 0, "pages": 0, "requests": 0, "sister_hosts": []}, "nianbao/events/download-error": 1, "nianbao/events/http-error": 1, "nianbao/events/offsite": 1, "nianbao/events/robots": 1, "nianbao/events/soft-404": 2, "nianbao/events/trap": 1, "nianbao/links/article": 88, "nianbao/links/list": 32, "nianbao/links/offsite": 1, "nianbao/links/pagination": 3, "nianbao/links/report": 26, "nianbao/middleware/soft-404": 2, "nianbao/parse/error": 1, "nianbao/parse/ok": 21, "nianbao/parse/partial": 1, "nianbao/parse/unreadable": 4, "nianbao/summary": {"bytes": 3550856, "errors": {"download-error": 1, "http-error": 1, "soft-404": 2, "trap": 1}, "identical": 1, "new_documents": 43, "new_versions": 4, "not_modified": 0, "recovered": {"captures": 0, "parsed": 0}, "skipped": 0, "unchanged": 1}, "request_depth_max": 3, "response_received_count": 45, "responses_per_minute": 300.0, "retry/count": 1, "retry/reason_count/500 Internal Server Error": 1, "robotstxt/forbidden": 1, "robotstxt/request_count": 1, "robotstxt/response_count": 1, "robotstxt/response_status_count/200": 1, "scheduler/dequeued": 47, "scheduler/dequeued/memory": 47, "scheduler/enqueued": 47, "scheduler/enqueued/memory": 47, "start_time": "2026-12-05 01:18:20.508954+00:00"}',NULL);
INSERT INTO "crawls" VALUES(3,'2026-12-05T01:18:20.502192Z','2026-12-05T01:18:25.493685Z','finished','["demo-gkmlpt"]','0.1.0','451ecf74ca44ee425bcc179a81de7fc3ead3870479b3f5eddc8dd17f65697ce5','{"downloader/request_bytes": 5319, "downloader/request_count": 15, "downloader/request_method_count/GET": 15, "downloader/response_bytes": 122051, "downloader/response_count": 15, "downloader/response_status_count/200": 15, "dupefilter/filtered": 3, "elapsed_time_seconds": 1.5583178369997768, "finish_reason": "finished", "finish_time": "2026-12-05 01:18:22.068159+00:00", "item_scraped_count": 14, "items_per_minute": 840.0, "log_count/INFO": 10, "log_count/WARNING": 2, "memusage/max": 109400064, "memusage/startup": 109400064, "nianbao/archive/captures/attachment": 3, "nianbao/archive/captures/list": 5, "nianbao/archive/captures/report": 6, "nianbao/archive/crawl_id": 3, "nianbao/archive/documents/new": 14, "nianbao/archive/exchanges/robots": 1, "nianbao/discovery": {"before_first_column": null, "budget": 30, "cms": "gkmlpt", "columns": ["http://127.0.0.1:34705/gd/gkmlpt/index"], "dropped": 0, "pages": 0, "requests": 0, "sister_hosts": []}, "nianbao/links/article": 29, "nianbao/links/attachment": 3, "nianbao/links/report": 6, "nianbao/parse/ok": 8, "nianbao/parse/unreadable": 1, "nianbao/summary": {"bytes": 122051, "errors": {}, "identical": 0, "new_documents": 14, "new_versions": 0, "not_modified": 0, "recovered": {"captures": 0, "parsed": 0}, "skipped": 0, "unchanged": 0}, "request_depth_max": 3, "response_received_count": 15, "responses_per_minute": 900.0, "robotstxt/request_count": 1, "robotstxt/response_count": 1, "robotstxt/response_status_count/200": 1, "scheduler/dequeued": 14, "scheduler/dequeued/memory": 14, "scheduler/enqueued": 14, "scheduler/enqueued/memory": 14, "start_time": "2026-12-05 01:18:20.509844+00:00"}',NULL);
CREATE TABLE "documents" (
   "sha256" TEXT PRIMARY KEY,
   "size" INTEGER,
   "media_type" TEXT,
   "first_seen" TEXT,
   "last_seen" TEXT,
   "capture_count" INTEGER,
   "first_url" TEXT
) WITHOUT ROWID;
INSERT INTO "documents" VALUES('8ab720f881403c3b8547be752b5b067a9746ae55e61fa9adac7a1dc4e67dfff3',6229,'application/pdf','2026-12-05T01:18:21.184666Z','2026-12-05T01:18:21.184666Z',1,'http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/202501/P020250123280302906429192.pdf');
INSERT INTO "documents" VALUES('bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4',6248,'text/html','2026-12-05T01:18:21.590039Z','2026-12-06T01:18:21.590039Z',2,'http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html');
INSERT INTO "documents" VALUES('df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510',12842,'application/pdf','2026-12-05T01:18:21.597762Z','2026-12-05T01:18:21.597762Z',1,'http://127.0.0.1:34705/gd/attachment/0/1/5888901/152790.pdf');
CREATE TABLE "events" (
   "id" INTEGER PRIMARY KEY,
   "crawl_id" INTEGER REFERENCES "crawls"("id"),
   "site_id" TEXT,
   "url" TEXT,
   "kind" TEXT,
   "detail" TEXT,
   "referrer" TEXT,
   "at" TEXT
);
CREATE TABLE problem_rows (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    seq INTEGER NOT NULL,
    cell_id INTEGER REFERENCES cells(id),
    where_id INTEGER REFERENCES problem_texts(id),
    kind_id INTEGER REFERENCES problem_texts(id),
    detail_id INTEGER REFERENCES problem_texts(id),
    PRIMARY KEY (report_id, seq)) WITHOUT ROWID;
INSERT INTO "problem_rows" VALUES(4,0,19,NULL,1,2);
INSERT INTO "problem_rows" VALUES(4,1,20,NULL,1,2);
INSERT INTO "problem_rows" VALUES(4,2,23,NULL,3,4);
INSERT INTO "problem_rows" VALUES(4,3,24,NULL,3,5);
INSERT INTO "problem_rows" VALUES(4,4,25,NULL,3,6);
INSERT INTO "problem_rows" VALUES(4,5,26,NULL,3,7);
INSERT INTO "problem_rows" VALUES(4,6,27,NULL,3,8);
INSERT INTO "problem_rows" VALUES(4,7,28,NULL,3,9);
INSERT INTO "problem_rows" VALUES(4,8,29,NULL,3,10);
INSERT INTO "problem_rows" VALUES(4,9,30,NULL,3,4);
INSERT INTO "problem_rows" VALUES(4,10,31,NULL,3,5);
INSERT INTO "problem_rows" VALUES(4,11,32,NULL,3,6);
INSERT INTO "problem_rows" VALUES(4,12,33,NULL,3,7);
INSERT INTO "problem_rows" VALUES(4,13,34,NULL,3,8);
INSERT INTO "problem_rows" VALUES(4,14,35,NULL,3,9);
INSERT INTO "problem_rows" VALUES(4,15,36,NULL,3,10);
INSERT INTO "problem_rows" VALUES(4,16,51,NULL,3,11);
INSERT INTO "problem_rows" VALUES(4,17,52,NULL,3,12);
INSERT INTO "problem_rows" VALUES(4,18,53,NULL,3,13);
INSERT INTO "problem_rows" VALUES(4,19,54,NULL,3,14);
INSERT INTO "problem_rows" VALUES(4,20,55,NULL,3,15);
INSERT INTO "problem_rows" VALUES(4,21,56,NULL,3,16);
INSERT INTO "problem_rows" VALUES(4,22,57,NULL,3,17);
INSERT INTO "problem_rows" VALUES(4,23,NULL,18,19,20);
INSERT INTO "problem_rows" VALUES(5,0,NULL,21,22,23);
INSERT INTO "problem_rows" VALUES(5,1,114,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,2,115,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,3,116,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,4,117,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,5,118,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,6,119,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,7,120,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,8,121,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,9,122,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,10,123,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,11,124,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,12,125,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,13,126,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,14,127,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,15,128,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,16,129,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,17,130,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,18,131,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,19,132,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,20,133,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,21,134,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,22,135,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,23,136,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,24,137,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,25,138,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,26,139,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,27,140,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,28,141,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,29,142,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,30,143,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,31,144,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,32,145,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,33,146,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,34,147,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,35,148,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,36,149,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,37,150,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,38,151,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,39,152,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,40,153,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,41,154,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,42,155,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,43,156,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,44,157,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,45,158,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,46,159,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,47,160,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,48,161,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,49,162,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,50,206,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,51,207,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,52,208,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,53,209,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,54,210,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,55,211,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,56,212,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,57,213,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,58,214,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,59,215,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,60,216,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,61,217,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,62,218,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,63,219,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,64,220,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,65,221,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,66,222,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,67,223,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,68,224,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,69,225,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,70,226,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,71,170,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,72,171,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,73,172,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,74,173,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,75,174,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,76,175,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,77,176,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,78,177,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,79,178,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,80,179,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,81,180,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,82,181,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,83,182,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,84,183,NULL,1,24);
INSERT INTO "problem_rows" VALUES(5,85,NULL,25,26,27);
CREATE TABLE problem_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
INSERT INTO "problem_texts" VALUES(1,'missing_cell');
INSERT INTO "problem_texts" VALUES(2,'row holds 1 numbers for 2 columns; not shifted');
INSERT INTO "problem_texts" VALUES(3,'inferred');
INSERT INTO "problem_texts" VALUES(4,'forced to 0: the known parts already reach the total in new_requests + carried_over = total_handled + carried_forward (natural_person)');
INSERT INTO "problem_texts" VALUES(5,'forced to 0: the known parts already reach the total in new_requests + carried_over = total_handled + carried_forward (commercial_enterprise)');
INSERT INTO "problem_texts" VALUES(6,'forced to 0: the known parts already reach the total in new_requests + carried_over = total_handled + carried_forward (research_institution)');
INSERT INTO "problem_texts" VALUES(7,'forced to 0: the known parts already reach the total in new_requests + carried_over = total_handled + carried_forward (social_organization)');
INSERT INTO "problem_texts" VALUES(8,'forced to 0: the known parts already reach the total in new_requests + carried_over = total_handled + carried_forward (legal_service)');
INSERT INTO "problem_texts" VALUES(9,'forced to 0: the known parts already reach the total in new_requests + carried_over = total_handled + carried_forward (other_organization)');
INSERT INTO "problem_texts" VALUES(10,'forced to 0: the known parts already reach the total in new_requests + carried_over = total_handled + carried_forward (total)');
INSERT INTO "problem_texts" VALUES(11,'solved from total_handled = sum of handled rows (natural_person)');
INSERT INTO "problem_texts" VALUES(12,'solved from total_handled = sum of handled rows (commercial_enterprise)');
INSERT INTO "problem_texts" VALUES(13,'solved from total_handled = sum of handled rows (research_institution)');
INSERT INTO "problem_texts" VALUES(14,'solved from total_handled = sum of handled rows (social_organization)');
INSERT INTO "problem_texts" VALUES(15,'solved from total_handled = sum of handled rows (legal_service)');
INSERT INTO "problem_texts" VALUES(16,'solved from total_handled = sum of handled rows (other_organization)');
INSERT INTO "problem_texts" VALUES(17,'solved from total_handled = sum of handled rows (total)');
INSERT INTO "problem_texts" VALUES(18,'applications');
INSERT INTO "problem_texts" VALUES(19,'label_variant');
INSERT INTO "problem_texts" VALUES(20,'applicant column labelled ''社会组织'' read as social_organization');
INSERT INTO "problem_texts" VALUES(21,'review_litigation');
INSERT INTO "problem_texts" VALUES(22,'table_not_found');
INSERT INTO "problem_texts" VALUES(23,'no review_litigation table was located');
INSERT INTO "problem_texts" VALUES(24,'the cell is blank');
INSERT INTO "problem_texts" VALUES(25,'document');
INSERT INTO "problem_texts" VALUES(26,'truncated');
INSERT INTO "problem_texts" VALUES(27,'quote " backslash \ newline 
 tab 	 第二页');
CREATE TABLE report_cell_notes (
    cell_id INTEGER NOT NULL REFERENCES cells(id),
    report_id INTEGER NOT NULL REFERENCES reports(id),
    value TEXT,
    problem TEXT,
    PRIMARY KEY (cell_id, report_id)) WITHOUT ROWID;
INSERT INTO "report_cell_notes" VALUES(22,4,'10854.60',NULL);
INSERT INTO "report_cell_notes" VALUES(22,5,'10854.60',NULL);
INSERT INTO "report_cell_notes" VALUES(205,4,'3.50',NULL);
INSERT INTO "report_cell_notes" VALUES(227,4,NULL,'missing_cell');
CREATE TABLE report_cells (
    cell_id INTEGER NOT NULL REFERENCES cells(id),
    report_id INTEGER NOT NULL REFERENCES reports(id),
    value_number INTEGER,
    PRIMARY KEY (cell_id, report_id)) WITHOUT ROWID;
INSERT INTO "report_cells" VALUES(1,4,123);
INSERT INTO "report_cells" VALUES(1,5,123);
INSERT INTO "report_cells" VALUES(2,4,0);
INSERT INTO "report_cells" VALUES(2,5,0);
INSERT INTO "report_cells" VALUES(3,4,4896);
INSERT INTO "report_cells" VALUES(3,5,4896);
INSERT INTO "report_cells" VALUES(4,4,0);
INSERT INTO "report_cells" VALUES(4,5,0);
INSERT INTO "report_cells" VALUES(5,4,5);
INSERT INTO "report_cells" VALUES(5,5,5);
INSERT INTO "report_cells" VALUES(6,4,5888);
INSERT INTO "report_cells" VALUES(6,5,5888);
INSERT INTO "report_cells" VALUES(7,4,0);
INSERT INTO "report_cells" VALUES(7,5,0);
INSERT INTO "report_cells" VALUES(8,4,2);
INSERT INTO "report_cells" VALUES(8,5,2);
INSERT INTO "report_cells" VALUES(9,4,0);
INSERT INTO "report_cells" VALUES(9,5,0);
INSERT INTO "report_cells" VALUES(10,4,0);
INSERT INTO "report_cells" VALUES(10,5,0);
INSERT INTO "report_cells" VALUES(11,4,0);
INSERT INTO "report_cells" VALUES(11,5,0);
INSERT INTO "report_cells" VALUES(12,4,0);
INSERT INTO "report_cells" VALUES(12,5,0);
INSERT INTO "report_cells" VALUES(13,4,199);
INSERT INTO "report_cells" VALUES(13,5,199);
INSERT INTO "report_cells" VALUES(14,4,-160);
INSERT INTO "report_cells" VALUES(14,5,-160);
INSERT INTO "report_cells" VALUES(15,4,381);
INSERT INTO "report_cells" VALUES(15,5,381);
INSERT INTO "report_cells" VALUES(16,4,0);
INSERT INTO "report_cells" VALUES(16,5,0);
INSERT INTO "report_cells" VALUES(17,4,1);
INSERT INTO "report_cells" VALUES(17,5,1);
INSERT INTO "report_cells" VALUES(18,4,0);
INSERT INTO "report_cells" VALUES(18,5,0);
INSERT INTO "report_cells" VALUES(19,4,0);
INSERT INTO "report_cells" VALUES(19,5,0);
INSERT INTO "report_cells" VALUES(20,4,0);
INSERT INTO "report_cells" VALUES(20,5,0);
INSERT INTO "report_cells" VALUES(21,4,54);
INSERT INTO "report_cells" VALUES(21,5,54);
INSERT INTO "report_cells" VALUES(22,4,10854.6);
INSERT INTO "report_cells" VALUES(22,5,10854.6);
INSERT INTO "report_cells" VALUES(23,4,2908);
INSERT INTO "report_cells" VALUES(23,5,2908);
INSERT INTO "report_cells" VALUES(24,4,131);
INSERT INTO "report_cells" VALUES(24,5,131);
INSERT INTO "report_cells" VALUES(25,4,167);
INSERT INTO "report_cells" VALUES(25,5,167);
INSERT INTO "report_cells" VALUES(26,4,41);
INSERT INTO "report_cells" VALUES(26,5,41);
INSERT INTO "report_cells" VALUES(27,4,36);
INSERT INTO "report_cells" VALUES(27,5,36);
INSERT INTO "report_cells" VALUES(28,4,70);
INSERT INTO "report_cells" VALUES(28,5,70);
INSERT INTO "report_cells" VALUES(29,4,3353);
INSERT INTO "report_cells" VALUES(29,5,3353);
INSERT INTO "report_cells" VALUES(30,4,0);
INSERT INTO "report_cells" VALUES(30,5,0);
INSERT INTO "report_cells" VALUES(31,4,0);
INSERT INTO "report_cells" VALUES(31,5,0);
INSERT INTO "report_cells" VALUES(32,4,0);
INSERT INTO "report_cells" VALUES(32,5,0);
INSERT INTO "report_cells" VALUES(33,4,0);
INSERT INTO "report_cells" VALUES(33,5,0);
INSERT INTO "report_cells" VALUES(34,4,0);
INSERT INTO "report_cells" VALUES(34,5,0);
INSERT INTO "report_cells" VALUES(35,4,0);
INSERT INTO "report_cells" VALUES(35,5,0);
INSERT INTO "report_cells" VALUES(36,4,0);
INSERT INTO "report_cells" VALUES(36,5,0);
INSERT INTO "report_cells" VALUES(37,4,372);
INSERT INTO "report_cells" VALUES(37,5,372);
INSERT INTO "report_cells" VALUES(38,4,28);
INSERT INTO "report_cells" VALUES(38,5,28);
INSERT INTO "report_cells" VALUES(39,4,87);
INSERT INTO "report_cells" VALUES(39,5,87);
INSERT INTO "report_cells" VALUES(40,4,0);
INSERT INTO "report_cells" VALUES(40,5,0);
INSERT INTO "report_cells" VALUES(41,4,0);
INSERT INTO "report_cells" VALUES(41,5,0);
INSERT INTO "report_cells" VALUES(42,4,0);
INSERT INTO "report_cells" VALUES(42,5,0);
INSERT INTO "report_cells" VALUES(43,4,487);
INSERT INTO "report_cells" VALUES(43,5,487);
INSERT INTO "report_cells" VALUES(44,4,144);
INSERT INTO "report_cells" VALUES(44,5,144);
INSERT INTO "report_cells" VALUES(45,4,0);
INSERT INTO "report_cells" VALUES(45,5,0);
INSERT INTO "report_cells" VALUES(46,4,0);
INSERT INTO "report_cells" VALUES(46,5,0);
INSERT INTO "report_cells" VALUES(47,4,0);
INSERT INTO "report_cells" VALUES(47,5,0);
INSERT INTO "report_cells" VALUES(48,4,0);
INSERT INTO "report_cells" VALUES(48,5,0);
INSERT INTO "report_cells" VALUES(49,4,0);
INSERT INTO "report_cells" VALUES(49,5,0);
INSERT INTO "report_cells" VALUES(50,4,144);
INSERT INTO "report_cells" VALUES(50,5,144);
INSERT INTO "report_cells" VALUES(51,4,0);
INSERT INTO "report_cells" VALUES(51,5,0);
INSERT INTO "report_cells" VALUES(52,4,0);
INSERT INTO "report_cells" VALUES(52,5,0);
INSERT INTO "report_cells" VALUES(53,4,0);
INSERT INTO "report_cells" VALUES(53,5,0);
INSERT INTO "report_cells" VALUES(54,4,0);
INSERT INTO "report_cells" VALUES(54,5,0);
INSERT INTO "report_cells" VALUES(55,4,0);
INSERT INTO "report_cells" VALUES(55,5,0);
INSERT INTO "report_cells" VALUES(56,4,0);
INSERT INTO "report_cells" VALUES(56,5,0);
INSERT INTO "report_cells" VALUES(57,4,0);
INSERT INTO "report_cells" VALUES(57,5,0);
INSERT INTO "report_cells" VALUES(58,4,313);
INSERT INTO "report_cells" VALUES(58,5,313);
INSERT INTO "report_cells" VALUES(59,4,0);
INSERT INTO "report_cells" VALUES(59,5,0);
INSERT INTO "report_cells" VALUES(60,4,0);
INSERT INTO "report_cells" VALUES(60,5,0);
INSERT INTO "report_cells" VALUES(61,4,0);
INSERT INTO "report_cells" VALUES(61,5,0);
INSERT INTO "report_cells" VALUES(62,4,0);
INSERT INTO "report_cells" VALUES(62,5,0);
INSERT INTO "report_cells" VALUES(63,4,0);
INSERT INTO "report_cells" VALUES(63,5,0);
INSERT INTO "report_cells" VALUES(64,4,313);
INSERT INTO "report_cells" VALUES(64,5,313);
INSERT INTO "report_cells" VALUES(65,4,34);
INSERT INTO "report_cells" VALUES(65,5,34);
INSERT INTO "report_cells" VALUES(66,4,0);
INSERT INTO "report_cells" VALUES(66,5,0);
INSERT INTO "report_cells" VALUES(67,4,13);
INSERT INTO "report_cells" VALUES(67,5,13);
INSERT INTO "report_cells" VALUES(68,4,0);
INSERT INTO "report_cells" VALUES(68,5,0);
INSERT INTO "report_cells" VALUES(69,4,0);
INSERT INTO "report_cells" VALUES(69,5,0);
INSERT INTO "report_cells" VALUES(70,4,23);
INSERT INTO "report_cells" VALUES(70,5,23);
INSERT INTO "report_cells" VALUES(71,4,70);
INSERT INTO "report_cells" VALUES(71,5,70);
INSERT INTO "report_cells" VALUES(72,4,0);
INSERT INTO "report_cells" VALUES(72,5,0);
INSERT INTO "report_cells" VALUES(73,4,22);
INSERT INTO "report_cells" VALUES(73,5,22);
INSERT INTO "report_cells" VALUES(74,4,0);
INSERT INTO "report_cells" VALUES(74,5,0);
INSERT INTO "report_cells" VALUES(75,4,0);
INSERT INTO "report_cells" VALUES(75,5,0);
INSERT INTO "report_cells" VALUES(76,4,0);
INSERT INTO "report_cells" VALUES(76,5,0);
INSERT INTO "report_cells" VALUES(77,4,0);
INSERT INTO "report_cells" VALUES(77,5,0);
INSERT INTO "report_cells" VALUES(78,4,22);
INSERT INTO "report_cells" VALUES(78,5,22);
INSERT INTO "report_cells" VALUES(79,4,83);
INSERT INTO "report_cells" VALUES(79,5,83);
INSERT INTO "report_cells" VALUES(80,4,0);
INSERT INTO "report_cells" VALUES(80,5,0);
INSERT INTO "report_cells" VALUES(81,4,0);
INSERT INTO "report_cells" VALUES(81,5,0);
INSERT INTO "report_cells" VALUES(82,4,0);
INSERT INTO "report_cells" VALUES(82,5,0);
INSERT INTO "report_cells" VALUES(83,4,2);
INSERT INTO "report_cells" VALUES(83,5,2);
INSERT INTO "report_cells" VALUES(84,4,0);
INSERT INTO "report_cells" VALUES(84,5,0);
INSERT INTO "report_cells" VALUES(85,4,85);
INSERT INTO "report_cells" VALUES(85,5,85);
INSERT INTO "report_cells" VALUES(86,4,54);
INSERT INTO "report_cells" VALUES(86,5,54);
INSERT INTO "report_cells" VALUES(87,4,31);
INSERT INTO "report_cells" VALUES(87,5,31);
INSERT INTO "report_cells" VALUES(88,4,0);
INSERT INTO "report_cells" VALUES(88,5,0);
INSERT INTO "report_cells" VALUES(89,4,0);
INSERT INTO "report_cells" VALUES(89,5,0);
INSERT INTO "report_cells" VALUES(90,4,20);
INSERT INTO "report_cells" VALUES(90,5,20);
INSERT INTO "report_cells" VALUES(91,4,0);
INSERT INTO "report_cells" VALUES(91,5,0);
INSERT INTO "report_cells" VALUES(92,4,105);
INSERT INTO "report_cells" VALUES(92,5,105);
INSERT INTO "report_cells" VALUES(93,4,25);
INSERT INTO "report_cells" VALUES(93,5,25);
INSERT INTO "report_cells" VALUES(94,4,0);
INSERT INTO "report_cells" VALUES(94,5,0);
INSERT INTO "report_cells" VALUES(95,4,15);
INSERT INTO "report_cells" VALUES(95,5,15);
INSERT INTO "report_cells" VALUES(96,4,33);
INSERT INTO "report_cells" VALUES(96,5,33);
INSERT INTO "report_cells" VALUES(97,4,0);
INSERT INTO "report_cells" VALUES(97,5,0);
INSERT INTO "report_cells" VALUES(98,4,0);
INSERT INTO "report_cells" VALUES(98,5,0);
INSERT INTO "report_cells" VALUES(99,4,73);
INSERT INTO "report_cells" VALUES(99,5,73);
INSERT INTO "report_cells" VALUES(100,4,335);
INSERT INTO "report_cells" VALUES(100,5,335);
INSERT INTO "report_cells" VALUES(101,4,0);
INSERT INTO "report_cells" VALUES(101,5,0);
INSERT INTO "report_cells" VALUES(102,4,0);
INSERT INTO "report_cells" VALUES(102,5,0);
INSERT INTO "report_cells" VALUES(103,4,0);
INSERT INTO "report_cells" VALUES(103,5,0);
INSERT INTO "report_cells" VALUES(104,4,0);
INSERT INTO "report_cells" VALUES(104,5,0);
INSERT INTO "report_cells" VALUES(105,4,23);
INSERT INTO "report_cells" VALUES(105,5,23);
INSERT INTO "report_cells" VALUES(106,4,358);
INSERT INTO "report_cells" VALUES(106,5,358);
INSERT INTO "report_cells" VALUES(107,4,199);
INSERT INTO "report_cells" VALUES(107,5,199);
INSERT INTO "report_cells" VALUES(108,4,0);
INSERT INTO "report_cells" VALUES(108,5,0);
INSERT INTO "report_cells" VALUES(109,4,7);
INSERT INTO "report_cells" VALUES(109,5,7);
INSERT INTO "report_cells" VALUES(110,4,0);
INSERT INTO "report_cells" VALUES(110,5,0);
INSERT INTO "report_cells" VALUES(111,4,0);
INSERT INTO "report_cells" VALUES(111,5,0);
INSERT INTO "report_cells" VALUES(112,4,0);
INSERT INTO "report_cells" VALUES(112,5,0);
INSERT INTO "report_cells" VALUES(113,4,206);
INSERT INTO "report_cells" VALUES(113,5,206);
INSERT INTO "report_cells" VALUES(114,4,0);
INSERT INTO "report_cells" VALUES(114,5,0);
INSERT INTO "report_cells" VALUES(115,4,0);
INSERT INTO "report_cells" VALUES(115,5,0);
INSERT INTO "report_cells" VALUES(116,4,0);
INSERT INTO "report_cells" VALUES(116,5,0);
INSERT INTO "report_cells" VALUES(117,4,0);
INSERT INTO "report_cells" VALUES(117,5,0);
INSERT INTO "report_cells" VALUES(118,4,0);
INSERT INTO "report_cells" VALUES(118,5,0);
INSERT INTO "report_cells" VALUES(119,4,2);
INSERT INTO "report_cells" VALUES(119,5,2);
INSERT INTO "report_cells" VALUES(120,4,2);
INSERT INTO "report_cells" VALUES(120,5,2);
INSERT INTO "report_cells" VALUES(121,4,0);
INSERT INTO "report_cells" VALUES(121,5,0);
INSERT INTO "report_cells" VALUES(122,4,0);
INSERT INTO "report_cells" VALUES(122,5,0);
INSERT INTO "report_cells" VALUES(123,4,0);
INSERT INTO "report_cells" VALUES(123,5,0);
INSERT INTO "report_cells" VALUES(124,4,0);
INSERT INTO "report_cells" VALUES(124,5,0);
INSERT INTO "report_cells" VALUES(125,4,0);
INSERT INTO "report_cells" VALUES(125,5,0);
INSERT INTO "report_cells" VALUES(126,4,0);
INSERT INTO "report_cells" VALUES(126,5,0);
INSERT INTO "report_cells" VALUES(127,4,0);
INSERT INTO "report_cells" VALUES(127,5,0);
INSERT INTO "report_cells" VALUES(128,4,358);
INSERT INTO "report_cells" VALUES(128,5,358);
INSERT INTO "report_cells" VALUES(129,4,9);
INSERT INTO "report_cells" VALUES(129,5,9);
INSERT INTO "report_cells" VALUES(130,4,0);
INSERT INTO "report_cells" VALUES(130,5,0);
INSERT INTO "report_cells" VALUES(131,4,0);
INSERT INTO "report_cells" VALUES(131,5,0);
INSERT INTO "report_cells" VALUES(132,4,0);
INSERT INTO "report_cells" VALUES(132,5,0);
INSERT INTO "report_cells" VALUES(133,4,0);
INSERT INTO "report_cells" VALUES(133,5,0);
INSERT INTO "report_cells" VALUES(134,4,367);
INSERT INTO "report_cells" VALUES(134,5,367);
INSERT INTO "report_cells" VALUES(135,4,265);
INSERT INTO "report_cells" VALUES(135,5,265);
INSERT INTO "report_cells" VALUES(136,4,0);
INSERT INTO "report_cells" VALUES(136,5,0);
INSERT INTO "report_cells" VALUES(137,4,0);
INSERT INTO "report_cells" VALUES(137,5,0);
INSERT INTO "report_cells" VALUES(138,4,8);
INSERT INTO "report_cells" VALUES(138,5,8);
INSERT INTO "report_cells" VALUES(139,4,0);
INSERT INTO "report_cells" VALUES(139,5,0);
INSERT INTO "report_cells" VALUES(140,4,0);
INSERT INTO "report_cells" VALUES(140,5,0);
INSERT INTO "report_cells" VALUES(141,4,273);
INSERT INTO "report_cells" VALUES(141,5,273);
INSERT INTO "report_cells" VALUES(142,4,261);
INSERT INTO "report_cells" VALUES(142,5,261);
INSERT INTO "report_cells" VALUES(143,4,0);
INSERT INTO "report_cells" VALUES(143,5,0);
INSERT INTO "report_cells" VALUES(144,4,0);
INSERT INTO "report_cells" VALUES(144,5,0);
INSERT INTO "report_cells" VALUES(145,4,0);
INSERT INTO "report_cells" VALUES(145,5,0);
INSERT INTO "report_cells" VALUES(146,4,0);
INSERT INTO "report_cells" VALUES(146,5,0);
INSERT INTO "report_cells" VALUES(147,4,0);
INSERT INTO "report_cells" VALUES(147,5,0);
INSERT INTO "report_cells" VALUES(148,4,261);
INSERT INTO "report_cells" VALUES(148,5,261);
INSERT INTO "report_cells" VALUES(149,4,297);
INSERT INTO "report_cells" VALUES(149,5,297);
INSERT INTO "report_cells" VALUES(150,4,1);
INSERT INTO "report_cells" VALUES(150,5,1);
INSERT INTO "report_cells" VALUES(151,4,16);
INSERT INTO "report_cells" VALUES(151,5,16);
INSERT INTO "report_cells" VALUES(152,4,0);
INSERT INTO "report_cells" VALUES(152,5,0);
INSERT INTO "report_cells" VALUES(153,4,14);
INSERT INTO "report_cells" VALUES(153,5,14);
INSERT INTO "report_cells" VALUES(154,4,2);
INSERT INTO "report_cells" VALUES(154,5,2);
INSERT INTO "report_cells" VALUES(155,4,330);
INSERT INTO "report_cells" VALUES(155,5,330);
INSERT INTO "report_cells" VALUES(156,4,0);
INSERT INTO "report_cells" VALUES(156,5,0);
INSERT INTO "report_cells" VALUES(157,4,12);
INSERT INTO "report_cells" VALUES(157,5,12);
INSERT INTO "report_cells" VALUES(158,4,29);
INSERT INTO "report_cells" VALUES(158,5,29);
INSERT INTO "report_cells" VALUES(159,4,0);
INSERT INTO "report_cells" VALUES(159,5,0);
INSERT INTO "report_cells" VALUES(160,4,0);
INSERT INTO "report_cells" VALUES(160,5,0);
INSERT INTO "report_cells" VALUES(161,4,0);
INSERT INTO "report_cells" VALUES(161,5,0);
INSERT INTO "report_cells" VALUES(162,4,41);
INSERT INTO "report_cells" VALUES(162,5,41);
INSERT INTO "report_cells" VALUES(163,4,0);
INSERT INTO "report_cells" VALUES(163,5,0);
INSERT INTO "report_cells" VALUES(164,4,0);
INSERT INTO "report_cells" VALUES(164,5,0);
INSERT INTO "report_cells" VALUES(165,4,0);
INSERT INTO "report_cells" VALUES(165,5,0);
INSERT INTO "report_cells" VALUES(166,4,0);
INSERT INTO "report_cells" VALUES(166,5,0);
INSERT INTO "report_cells" VALUES(167,4,0);
INSERT INTO "report_cells" VALUES(167,5,0);
INSERT INTO "report_cells" VALUES(168,4,0);
INSERT INTO "report_cells" VALUES(168,5,0);
INSERT INTO "report_cells" VALUES(169,4,0);
INSERT INTO "report_cells" VALUES(169,5,0);
INSERT INTO "report_cells" VALUES(170,4,2740);
INSERT INTO "report_cells" VALUES(170,5,2740);
INSERT INTO "report_cells" VALUES(171,4,103);
INSERT INTO "report_cells" VALUES(171,5,103);
INSERT INTO "report_cells" VALUES(172,4,167);
INSERT INTO "report_cells" VALUES(172,5,167);
INSERT INTO "report_cells" VALUES(173,4,41);
INSERT INTO "report_cells" VALUES(173,5,41);
INSERT INTO "report_cells" VALUES(174,4,36);
INSERT INTO "report_cells" VALUES(174,5,36);
INSERT INTO "report_cells" VALUES(175,4,50);
INSERT INTO "report_cells" VALUES(175,5,50);
INSERT INTO "report_cells" VALUES(176,4,3137);
INSERT INTO "report_cells" VALUES(176,5,3137);
INSERT INTO "report_cells" VALUES(177,4,168);
INSERT INTO "report_cells" VALUES(177,5,168);
INSERT INTO "report_cells" VALUES(178,4,28);
INSERT INTO "report_cells" VALUES(178,5,28);
INSERT INTO "report_cells" VALUES(179,4,0);
INSERT INTO "report_cells" VALUES(179,5,0);
INSERT INTO "report_cells" VALUES(180,4,0);
INSERT INTO "report_cells" VALUES(180,5,0);
INSERT INTO "report_cells" VALUES(181,4,0);
INSERT INTO "report_cells" VALUES(181,5,0);
INSERT INTO "report_cells" VALUES(182,4,20);
INSERT INTO "report_cells" VALUES(182,5,20);
INSERT INTO "report_cells" VALUES(183,4,216);
INSERT INTO "report_cells" VALUES(183,5,216);
INSERT INTO "report_cells" VALUES(184,4,58);
INSERT INTO "report_cells" VALUES(184,5,58);
INSERT INTO "report_cells" VALUES(185,4,0);
INSERT INTO "report_cells" VALUES(185,5,0);
INSERT INTO "report_cells" VALUES(186,4,19);
INSERT INTO "report_cells" VALUES(186,5,19);
INSERT INTO "report_cells" VALUES(187,4,16);
INSERT INTO "report_cells" VALUES(187,5,16);
INSERT INTO "report_cells" VALUES(188,4,93);
INSERT INTO "report_cells" VALUES(188,5,93);
INSERT INTO "report_cells" VALUES(189,4,0);
INSERT INTO "report_cells" VALUES(189,5,0);
INSERT INTO "report_cells" VALUES(190,4,22);
INSERT INTO "report_cells" VALUES(190,5,22);
INSERT INTO "report_cells" VALUES(191,4,12);
INSERT INTO "report_cells" VALUES(191,5,12);
INSERT INTO "report_cells" VALUES(192,4,0);
INSERT INTO "report_cells" VALUES(192,5,0);
INSERT INTO "report_cells" VALUES(193,4,34);
INSERT INTO "report_cells" VALUES(193,5,34);
INSERT INTO "report_cells" VALUES(194,4,0);
INSERT INTO "report_cells" VALUES(194,5,0);
INSERT INTO "report_cells" VALUES(195,4,0);
INSERT INTO "report_cells" VALUES(195,5,0);
INSERT INTO "report_cells" VALUES(196,4,0);
INSERT INTO "report_cells" VALUES(196,5,0);
INSERT INTO "report_cells" VALUES(197,4,75);
INSERT INTO "report_cells" VALUES(197,5,75);
INSERT INTO "report_cells" VALUES(198,4,75);
INSERT INTO "report_cells" VALUES(198,5,75);
INSERT INTO "report_cells" VALUES(205,4,3.5);
INSERT INTO "report_cells" VALUES(227,4,NULL);
CREATE TABLE "report_versions" (
   "report_key" TEXT,
   "document_sha256" TEXT REFERENCES "documents"("sha256"),
   "first_seen" TEXT,
   "version" INTEGER,
   "is_newest" INTEGER, "report_id" INTEGER, "is_best" INTEGER NOT NULL DEFAULT 0,
   PRIMARY KEY ("report_key", "document_sha256")
);
INSERT INTO "report_versions" VALUES('demo-trs:2024:示范区人民政府','8ab720f881403c3b8547be752b5b067a9746ae55e61fa9adac7a1dc4e67dfff3','2026-12-05T01:18:21.184666Z',2,0,NULL,0);
INSERT INTO "report_versions" VALUES('demo-gkmlpt:2019:示范市南山区人民政府','bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4','2026-12-05T01:18:21.590039Z',1,1,4,0);
INSERT INTO "report_versions" VALUES('demo-gkmlpt:2019:示范市南山区人民政府','df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510','2026-12-05T01:18:21.597762Z',1,1,5,1);
CREATE TABLE "reports" (
   "id" INTEGER PRIMARY KEY,
   "document_sha256" TEXT REFERENCES "documents"("sha256"),
   "site_id" TEXT,
   "agency" TEXT,
   "year" INTEGER,
   "format" TEXT,
   "title" TEXT,
   "source_url" TEXT,
   "published" TEXT,
   "parser_version" TEXT,
   "status" TEXT,
   "created_at" TEXT,
   "report_key" TEXT,
   "extractor" TEXT,
   "agency_printed" TEXT,
   "region_code" TEXT,
   "region_source" TEXT,
   "index_no" TEXT,
   "metadata_sources" TEXT
, "cells_read" INTEGER, "cells_digest" TEXT);
INSERT INTO "reports" VALUES(4,'bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4','demo-gkmlpt','示范市南山区人民政府',2019,'2019','示范市南山区人民政府2019年度政府信息公开工作年度报告','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html','2020-03-28','0.2.0','ok','2026-12-05T01:18:25.385688Z','demo-gkmlpt:2019:示范市南山区人民政府','html/1',NULL,'440305','registry',NULL,'{"title": "first_line", "year": "title", "agency": "title", "published": "meta", "region_code": "registry"}',NULL,NULL);
INSERT INTO "reports" VALUES(5,'df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510','demo-gkmlpt','示范市南山区人民政府',2019,'2019','示范市南山区人民政府2019年政府信息公开工作年度报告','http://127.0.0.1:34705/gd/attachment/0/1/5888901/152790.pdf',NULL,'0.2.0','ok','2026-12-05T01:18:25.397787Z','demo-gkmlpt:2019:示范市南山区人民政府','pdfplumber',NULL,'440305','registry',NULL,'{"title": "first_line", "year": "title", "agency": "title", "region_code": "registry"}',NULL,NULL);
CREATE TABLE "texts" (
   "id" INTEGER PRIMARY KEY,
   "document_sha256" TEXT REFERENCES "documents"("sha256"),
   "extractor" TEXT,
   "extractor_version" TEXT,
   "meta" TEXT,
   "encoding" TEXT,
   "error" TEXT,
   "created_at" TEXT
, extraction_key TEXT);
INSERT INTO "texts" VALUES(4,'bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4','html/1','0.2.0','{"title": "示范市南山区人民政府2019年度政府信息公开工作年度报告", "published": "2020-03-28", "source": "示范市南山区人民政府", "heading": "示范市南山区人民政府2019年度政府信息公开工作年度报告", "encoding_source": "utf8", "container": "generic"}','utf-8',NULL,'2026-12-05T01:18:25.385414Z','schema5-299d55369742d843ef7ef945');
INSERT INTO "texts" VALUES(5,'df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510','pdfplumber','0.2.0','{"pages": "2", "pages_read": "2"}',NULL,NULL,'2026-12-05T01:18:25.397517Z','schema5-bac4e3b2d544819931240917');
INSERT INTO "texts" VALUES(58,'8ab720f881403c3b8547be752b5b067a9746ae55e61fa9adac7a1dc4e67dfff3',NULL,'0.2.0',NULL,NULL,'corrupt: pdfminer cannot open it: PSEOF(''Unexpected EOF''); pdfium cannot open it either: Failed to load document (PDFium: Data format error).','2026-12-05T01:18:32.210185Z',NULL);
INSERT INTO "texts" VALUES(59,'df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510','pdfplumber','0.1.0','{"pages": "2", "pages_read": "2"}',NULL,NULL,'2026-12-04T01:18:21.000000Z','schema5-bac4e3b2d544819931240917');
CREATE INDEX "idx_captures_url"
    ON "captures" ("url");
CREATE INDEX "idx_captures_sha256"
    ON "captures" ("sha256");
CREATE INDEX "idx_captures_warc_file_warc_offset"
    ON "captures" ("warc_file", "warc_offset");
CREATE INDEX "idx_texts_document_sha256"
    ON "texts" ("document_sha256");
CREATE INDEX "idx_reports_site_id_year"
    ON "reports" ("site_id", "year");
CREATE INDEX "idx_reports_document_sha256"
    ON "reports" ("document_sha256");
CREATE INDEX "idx_reports_report_key"
    ON "reports" ("report_key");
CREATE INDEX "idx_report_versions_document_sha256"
    ON "report_versions" ("document_sha256");
CREATE INDEX "idx_events_site_id_kind"
    ON "events" ("site_id", "kind");
CREATE INDEX "idx_reports_agency"
    ON "reports" ("agency");
CREATE INDEX "idx_reports_status"
    ON "reports" ("status");
CREATE INDEX "idx_reports_format"
    ON "reports" ("format");
CREATE INDEX "idx_reports_year"
    ON "reports" ("year");
CREATE INDEX "idx_report_versions_report_id_is_best_is_newest_report_key"
    ON "report_versions" ("report_id", "is_best", "is_newest", "report_key");
CREATE INDEX "idx_report_versions_report_key_version"
    ON "report_versions" ("report_key", "version");
CREATE INDEX "idx_captures_referrer"
    ON "captures" ("referrer");
CREATE INDEX idx_captures_redirected ON captures (final_url) WHERE final_url IS NOT NULL;
CREATE VIEW codebook AS SELECT e.format, c.section, c.row_id, c.column_id,
    s.label AS section_label, r.label AS row_label, k.label AS column_label, e.kind
FROM codebook_cells e JOIN cells c ON c.id = e.cell_id
JOIN codebook_labels s ON s.id = e.section_label
JOIN codebook_labels r ON r.id = e.row_label
JOIN codebook_labels k ON k.id = e.column_label;
CREATE VIEW report_values AS SELECT x.report_id, c.section, c.row_id,
    c.column_id, coalesce((SELECT n.value FROM report_cell_notes n WHERE n.cell_id = x.cell_id AND n.report_id = x.report_id), CAST(x.value_number AS TEXT))
        AS value, x.value_number, (SELECT n.problem FROM report_cell_notes n WHERE n.cell_id = x.cell_id AND n.report_id = x.report_id) AS problem, x.cell_id
FROM cells c CROSS JOIN report_cells x ON x.cell_id = c.id;
CREATE VIEW report_problems AS SELECT p.report_id, p.seq,
    CASE WHEN p.cell_id IS NULL THEN (SELECT t.text FROM problem_texts t WHERE t.id = p.where_id)
        ELSE (SELECT c.section || '.' || c.row_id || '.' || c.column_id FROM cells c
            WHERE c.id = p.cell_id) END AS "where",
    (SELECT t.text FROM problem_texts t WHERE t.id = p.kind_id) AS kind,
    (SELECT t.text FROM problem_texts t WHERE t.id = p.detail_id) AS detail
FROM problem_rows p;
CREATE VIEW report_renditions AS SELECT 
    v.report_key, v.version, v.is_newest, v.is_best, v.document_sha256, v.first_seen,
    r.id AS report_id, r.site_id, r.region_code, CASE WHEN r.region_code IS NULL THEN NULL WHEN r.region_code LIKE '__0000' THEN 'province' WHEN r.region_code LIKE '____00' THEN 'city' ELSE 'county' END AS level, r.agency_printed, CASE WHEN v.report_key LIKE 'url:%' THEN NULL ELSE substr(v.report_key, length(coalesce(r.site_id, '')) + 7) END AS organ, r.agency, r.year, r.format,
    coalesce(r.status, 'unreadable') AS status,
    CASE WHEN r.id IS NULL THEN coalesce((SELECT json_array(json_object('where', 'document', 'kind', 'extraction_failed', 'detail', t.error)) FROM texts t WHERE t.document_sha256 = v.document_sha256 AND t.error IS NOT NULL ORDER BY t.id DESC LIMIT 1), '[]')
        ELSE coalesce((SELECT '[' || group_concat('{"where": ' || json_quote(q."where") || ', "kind": ' || json_quote(q.kind) || ', "detail": ' || json_quote(q.detail) || '}', ', ') || ']' FROM report_problems q WHERE q.report_id = r.id), '[]') END AS problems, r.title,
    coalesce(r.source_url,
        (SELECT d.first_url FROM documents d WHERE d.sha256 = v.document_sha256))
        AS source_url,
    r.published, r.parser_version, r.extractor

FROM report_versions v LEFT JOIN reports r ON r.id = v.report_id;
CREATE VIEW logical_reports AS SELECT * FROM report_renditions WHERE is_best = 1;
CREATE VIEW latest_reports AS SELECT * FROM report_renditions
WHERE is_best = 1 AND is_newest = 1;
CREATE VIEW latest_values AS SELECT lr.report_key, lr.site_id, lr.organ, lr.agency, lr.year,
    lr.format, lr.status, c.section, c.row_id, c.column_id,
    (SELECT l.label FROM codebook_cells e JOIN codebook_labels l ON l.id = e.row_label
        WHERE e.format = lr.format AND e.cell_id = x.cell_id) AS row_label,
    (SELECT l.label FROM codebook_cells e JOIN codebook_labels l ON l.id = e.column_label
        WHERE e.format = lr.format AND e.cell_id = x.cell_id)
        AS column_label,
    coalesce((SELECT n.value FROM report_cell_notes n WHERE n.cell_id = x.cell_id AND n.report_id = x.report_id), CAST(x.value_number AS TEXT)) AS value,
    x.value_number, (SELECT n.problem FROM report_cell_notes n WHERE n.cell_id = x.cell_id AND n.report_id = x.report_id) AS problem,
    lr.document_sha256, x.report_id
FROM cells c CROSS JOIN report_cells x ON x.cell_id = c.id
JOIN latest_reports lr ON lr.report_id = x.report_id;
CREATE VIEW cross_year_findings AS SELECT cur.report_key, cur.site_id, cur.organ, cur.year,
    prev.report_key AS previous_key, 'carried_over' AS rule, a.column_id AS cell,
    a.value_number AS value, b.value_number AS expected
FROM latest_reports cur
JOIN latest_reports prev ON prev.site_id = cur.site_id AND prev.organ = cur.organ
    AND prev.year = cur.year - 1
JOIN report_values a ON a.report_id = cur.report_id AND a.section = 'applications'
    AND a.row_id = 'carried_over'
JOIN report_values b ON b.report_id = prev.report_id AND b.section = 'applications'
    AND b.row_id = 'carried_forward' AND b.column_id = a.column_id
WHERE a.value_number IS NOT NULL AND b.value_number IS NOT NULL
    AND a.value_number != b.value_number
UNION ALL
SELECT cur.report_key, cur.site_id, cur.organ, cur.year, prev.report_key, 'in_force',
    f.row_id, f.value_number, p.value_number + i.value_number - d.value_number
FROM latest_reports cur
JOIN latest_reports prev ON prev.site_id = cur.site_id AND prev.organ = cur.organ
    AND prev.year = cur.year - 1 AND prev.format = '2021' AND cur.format = '2021'
JOIN report_values f ON f.report_id = cur.report_id AND f.section = 'active_disclosure'
    AND f.column_id = 'in_force'
JOIN report_values i ON i.report_id = cur.report_id AND i.section = 'active_disclosure'
    AND i.row_id = f.row_id AND i.column_id = 'issued'
JOIN report_values d ON d.report_id = cur.report_id AND d.section = 'active_disclosure'
    AND d.row_id = f.row_id AND d.column_id = 'repealed'
JOIN report_values p ON p.report_id = prev.report_id AND p.section = 'active_disclosure'
    AND p.row_id = f.row_id AND p.column_id = 'in_force'
WHERE f.value_number IS NOT NULL AND i.value_number IS NOT NULL
    AND d.value_number IS NOT NULL AND p.value_number IS NOT NULL
    AND f.value_number != p.value_number + i.value_number - d.value_number;
CREATE VIEW coverage AS WITH RECURSIVE
dated AS (SELECT * FROM latest_reports WHERE year IS NOT NULL AND site_id IS NOT NULL),
known(site_id) AS (
    SELECT site_id FROM captures WHERE site_id IS NOT NULL
    UNION SELECT j.value FROM crawls, json_each(crawls.sites) j),
span(site_id, year, last) AS (
    SELECT site_id, min(year), max(year) FROM dated GROUP BY site_id
    UNION ALL
    SELECT k.site_id, b.lo, b.hi FROM known k,
        (SELECT min(year) AS lo, max(year) AS hi FROM dated) b
    WHERE b.lo IS NOT NULL AND k.site_id NOT IN (SELECT site_id FROM dated)
    UNION ALL SELECT site_id, year + 1, last FROM span WHERE year < last),
cell AS (
    SELECT site_id, year, count(*) AS reports, sum(status = 'ok') AS ok,
        sum(status = 'unreadable') AS unreadable
    FROM latest_reports WHERE year IS NOT NULL GROUP BY site_id, year),
findings AS (
    SELECT site_id, year, count(*) AS n FROM cross_year_findings GROUP BY site_id, year)
SELECT s.site_id, s.year, coalesce(c.reports, 0) AS reports,
    CASE WHEN c.reports IS NULL THEN 'missing'
        WHEN c.ok = c.reports THEN 'ok'
        WHEN c.unreadable = c.reports THEN 'unreadable'
        ELSE 'partial' END AS coverage,
    coalesce(f.n, 0) AS cross_year_findings
FROM span s LEFT JOIN cell c USING (site_id, year) LEFT JOIN findings f USING (site_id, year);
CREATE TRIGGER report_values_insert INSTEAD OF INSERT ON report_values
BEGIN
    INSERT OR IGNORE INTO cells (section, row_id, column_id)
        VALUES (NEW.section, NEW.row_id, NEW.column_id);
    INSERT OR REPLACE INTO report_cells (cell_id, report_id, value_number)
        SELECT c.id, NEW.report_id, NEW.value_number
        FROM cells c WHERE c.section = NEW.section AND c.row_id = NEW.row_id
            AND c.column_id = NEW.column_id;
    DELETE FROM report_cell_notes WHERE report_id = NEW.report_id AND cell_id = (
        SELECT c.id FROM cells c WHERE c.section = NEW.section AND c.row_id = NEW.row_id
            AND c.column_id = NEW.column_id);
    INSERT INTO report_cell_notes (cell_id, report_id, value, problem)
        SELECT c.id, NEW.report_id,
            CASE WHEN NEW.value = CAST(NEW.value_number AS TEXT) THEN NULL ELSE NEW.value END,
            NEW.problem
        FROM cells c WHERE c.section = NEW.section AND c.row_id = NEW.row_id
            AND c.column_id = NEW.column_id
            AND (NEW.problem IS NOT NULL OR (NEW.value IS NOT NULL
                AND NEW.value IS NOT CAST(NEW.value_number AS TEXT)));
END;
CREATE TRIGGER report_values_delete INSTEAD OF DELETE ON report_values
BEGIN
    DELETE FROM report_cells WHERE cell_id = OLD.cell_id AND report_id = OLD.report_id;
    DELETE FROM report_cell_notes WHERE cell_id = OLD.cell_id AND report_id = OLD.report_id;
END;
COMMIT;
