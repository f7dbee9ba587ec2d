-- An index written by nianbao's index schema 4 (before the compact layout), cut down from
-- a sample-portal crawl: the migration tests load it and open it with today's code.
PRAGMA user_version = 4;
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
   "request_headers" TEXT,
   "response_headers" TEXT,
   "software_version" TEXT
);
INSERT INTO "captures" VALUES(37,1,'demo-trs','http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/202501/P020250123280302906429192.pdf','http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/202501/P020250123280302906429192.pdf','GET',200,'2026-12-05T01:18:21.184666Z','attachment','application/pdf','8ab720f881403c3b8547be752b5b067a9746ae55e61fa9adac7a1dc4e67dfff3',6229,'nianbao-20261205011820-00001.warc.gz',86466,4967,'response','"e0e84f3e3a0093b56181"','Mon, 31 Mar 2025 00:00:00 GMT','http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/202501/t20250123_3237977.html','附件：示范区人民政府2024年政府信息公开工作年度报告.pdf','127.0.0.1','[]','[["Content-Length", "6229"], ["Server", "Apache"], ["Date", "Sat, 05 Dec 2026 01:18:20 GMT"], ["Content-Type", "application/pdf"], ["Etag", "\"e0e84f3e3a0093b56181\""], ["Last-Modified", "Mon, 31 Mar 2025 00:00:00 GMT"]]','0.1.0');
INSERT INTO "captures" VALUES(59,3,'demo-gkmlpt','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html','GET',200,'2026-12-05T01:18:21.590039Z','report','text/html','bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4',6248,'nianbao-20261205011820-00001.warc.gz',138540,2800,'response','"153d4213ddbec968cadf"','Sat, 28 Mar 2020 00:00:00 GMT','http://127.0.0.1:34705/gd/gkmlpt/api/all/2001?page=1&sid=755031','示范市南山区人民政府2019年度政府信息公开工作年度报告','127.0.0.1','[]','[["Content-Length", "6248"], ["Server", "Apache"], ["Date", "Sat, 05 Dec 2026 01:18:21 GMT"], ["Content-Type", "text/html; charset=UTF-8"], ["Etag", "\"153d4213ddbec968cadf\""], ["Last-Modified", "Sat, 28 Mar 2020 00:00:00 GMT"]]','0.1.0');
INSERT INTO "captures" VALUES(60,3,'demo-gkmlpt','http://127.0.0.1:34705/gd/attachment/0/1/5888901/152790.pdf','http://127.0.0.1:34705/gd/attachment/0/1/5888901/152790.pdf','GET',200,'2026-12-05T01:18:21.597762Z','attachment','application/pdf','df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510',12842,'nianbao-20261205011820-00001.warc.gz',141894,10146,'response','"78c220ef95c672078a84"','Mon, 31 Mar 2025 00:00:00 GMT','http://127.0.0.1:34705/gd/gkmlpt/api/all/2001?page=1&sid=755031','示范市南山区人民政府2019年度政府信息公开工作年度报告','127.0.0.1','[]','[["Content-Length", "12842"], ["Server", "Apache"], ["Date", "Sat, 05 Dec 2026 01:18:21 GMT"], ["Content-Type", "application/pdf"], ["Etag", "\"78c220ef95c672078a84\""], ["Last-Modified", "Mon, 31 Mar 2025 00:00:00 GMT"]]','0.1.0');
CREATE TABLE "codebook" (
   "format" TEXT,
   "section" TEXT,
   "row_id" TEXT,
   "column_id" TEXT,
   "section_label" TEXT,
   "row_label" TEXT,
   "column_label" TEXT,
   "kind" TEXT,
   PRIMARY KEY ("format", "section", "row_id", "column_id")
);
CREATE TABLE "crawls" (
   "id" INTEGER PRIMARY KEY,
   "started" TEXT,
   "finished" TEXT,
   "status" TEXT,
   "sites" TEXT,
   "software_version" TEXT,
   "settings_digest" TEXT,
   "stats" TEXT
);
INSERT INTO "crawls" VALUES(1,'2026-12-05T01:18:20.493968Z','2026-12-05T01:18:34.493646Z','finished','["demo-trs"]','0.1.0','451ecf74ca44ee425bcc179a81de7fc3ead3870479b3f5eddc8dd17f65697ce5','{"downloader/exception_count": 1, "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 1, "downloader/request_bytes": 17417, "downloader/request_count": 47, "downloader/request_method_count/GET": 47, "downloader/response_bytes": 3550856, "downloader/response_count": 47, "downloader/response_status_count/200": 44, "downloader/response_status_count/301": 1, "downloader/response_status_count/404": 1, "downloader/response_status_count/500": 1, "elapsed_time_seconds": 9.149612103001346, "finish_reason": "finished", "finish_time": "2026-12-05 01:18:29.658564+00:00", "item_scraped_count": 51, "items_per_minute": 340.0, "log_count/INFO": 36, "log_count/WARNING": 3, "memusage/max": 109400064, "memusage/startup": 109400064, "nianbao/archive/captures/attachment": 6, "nianbao/archive/captures/error": 2, "nianbao/archive/captures/list": 12, "nianbao/archive/captures/report": 22, "nianbao/archive/captures/soft-404": 2, "nianbao/archive/crawl_id": 1, "nianbao/archive/documents/duplicate": 1, "nianbao/archive/documents/new": 43, "nianbao/archive/exchanges/redirect": 1, "nianbao/archive/exchanges/retry": 1, "nianbao/archive/exchanges/robots": 1, "nianbao/archive/versions/new": 4, "nianbao/discovery": {"before_first_column": null, "budget": 30, "cms": "trs", "columns": ["http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/index.html"], "dropped": 0, "pages": 0, "requests": 0, "sister_hosts": []}, "nianbao/events/download-error": 1, "nianbao/events/http-error": 1, "nianbao/events/offsite": 1, "nianbao/events/robots": 1, "nianbao/events/soft-404": 2, "nianbao/events/trap": 1, "nianbao/links/article": 88, "nianbao/links/list": 32, "nianbao/links/offsite": 1, "nianbao/links/pagination": 3, "nianbao/links/report": 26, "nianbao/middleware/soft-404": 2, "nianbao/parse/error": 1, "nianbao/parse/ok": 21, "nianbao/parse/partial": 1, "nianbao/parse/unreadable": 4, "nianbao/summary": {"bytes": 3550856, "errors": {"download-error": 1, "http-error": 1, "soft-404": 2, "trap": 1}, "identical": 1, "new_documents": 43, "new_versions": 4, "not_modified": 0, "recovered": {"captures": 0, "parsed": 0}, "skipped": 0, "unchanged": 1}, "request_depth_max": 3, "response_received_count": 45, "responses_per_minute": 300.0, "retry/count": 1, "retry/reason_count/500 Internal Server Error": 1, "robotstxt/forbidden": 1, "robotstxt/request_count": 1, "robotstxt/response_count": 1, "robotstxt/response_status_count/200": 1, "scheduler/dequeued": 47, "scheduler/dequeued/memory": 47, "scheduler/enqueued": 47, "scheduler/enqueued/memory": 47, "start_time": "2026-12-05 01:18:20.508954+00:00"}');
INSERT INTO "crawls" VALUES(3,'2026-12-05T01:18:20.502192Z','2026-12-05T01:18:25.493685Z','finished','["demo-gkmlpt"]','0.1.0','451ecf74ca44ee425bcc179a81de7fc3ead3870479b3f5eddc8dd17f65697ce5','{"downloader/request_bytes": 5319, "downloader/request_count": 15, "downloader/request_method_count/GET": 15, "downloader/response_bytes": 122051, "downloader/response_count": 15, "downloader/response_status_count/200": 15, "dupefilter/filtered": 3, "elapsed_time_seconds": 1.5583178369997768, "finish_reason": "finished", "finish_time": "2026-12-05 01:18:22.068159+00:00", "item_scraped_count": 14, "items_per_minute": 840.0, "log_count/INFO": 10, "log_count/WARNING": 2, "memusage/max": 109400064, "memusage/startup": 109400064, "nianbao/archive/captures/attachment": 3, "nianbao/archive/captures/list": 5, "nianbao/archive/captures/report": 6, "nianbao/archive/crawl_id": 3, "nianbao/archive/documents/new": 14, "nianbao/archive/exchanges/robots": 1, "nianbao/discovery": {"before_first_column": null, "budget": 30, "cms": "gkmlpt", "columns": ["http://127.0.0.1:34705/gd/gkmlpt/index"], "dropped": 0, "pages": 0, "requests": 0, "sister_hosts": []}, "nianbao/links/article": 29, "nianbao/links/attachment": 3, "nianbao/links/report": 6, "nianbao/parse/ok": 8, "nianbao/parse/unreadable": 1, "nianbao/summary": {"bytes": 122051, "errors": {}, "identical": 0, "new_documents": 14, "new_versions": 0, "not_modified": 0, "recovered": {"captures": 0, "parsed": 0}, "skipped": 0, "unchanged": 0}, "request_depth_max": 3, "response_received_count": 15, "responses_per_minute": 900.0, "robotstxt/request_count": 1, "robotstxt/response_count": 1, "robotstxt/response_status_count/200": 1, "scheduler/dequeued": 14, "scheduler/dequeued/memory": 14, "scheduler/enqueued": 14, "scheduler/enqueued/memory": 14, "start_time": "2026-12-05 01:18:20.509844+00:00"}');
CREATE TABLE "documents" (
   "sha256" TEXT PRIMARY KEY,
   "size" INTEGER,
   "media_type" TEXT,
   "first_seen" TEXT,
   "last_seen" TEXT,
   "capture_count" INTEGER,
   "first_url" TEXT
);
INSERT INTO "documents" VALUES('8ab720f881403c3b8547be752b5b067a9746ae55e61fa9adac7a1dc4e67dfff3',6229,'application/pdf','2026-12-05T01:18:21.184666Z','2026-12-05T01:18:21.184666Z',1,'http://127.0.0.1:34705/trs/zfxxgk/zfxxgknb/202501/P020250123280302906429192.pdf');
INSERT INTO "documents" VALUES('bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4',6248,'text/html','2026-12-05T01:18:21.590039Z','2026-12-05T01:18:21.590039Z',1,'http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html');
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
CREATE TABLE "report_values" (
   "report_id" INTEGER REFERENCES "reports"("id"),
   "section" TEXT,
   "row_id" TEXT,
   "column_id" TEXT,
   "value" TEXT,
   "value_number" INTEGER,
   "problem" TEXT
);
INSERT INTO "report_values" VALUES(4,'active_disclosure','rules','made','123',123,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','rules','published','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','rules','total_published','4896',4896,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','normative_documents','made','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','normative_documents','published','5',5,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','normative_documents','total_published','5888',5888,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_license','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_license','change','2',2,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_license','decisions','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','other_services','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','other_services','change','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','other_services','decisions','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_penalty','previous_count','199',199,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_penalty','change','-160',-160,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_penalty','decisions','381',381,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_coercion','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_coercion','change','1',1,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_coercion','decisions','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_fees','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_fees','change','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','centralized_procurement','projects','54',54,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','centralized_procurement','amount','10854.60',10854.6,NULL);
INSERT INTO "report_values" VALUES(4,'applications','new_requests','natural_person','2908',2908,NULL);
INSERT INTO "report_values" VALUES(4,'applications','new_requests','commercial_enterprise','131',131,NULL);
INSERT INTO "report_values" VALUES(4,'applications','new_requests','research_institution','167',167,NULL);
INSERT INTO "report_values" VALUES(4,'applications','new_requests','social_organization','41',41,NULL);
INSERT INTO "report_values" VALUES(4,'applications','new_requests','legal_service','36',36,NULL);
INSERT INTO "report_values" VALUES(4,'applications','new_requests','other_organization','70',70,NULL);
INSERT INTO "report_values" VALUES(4,'applications','new_requests','total','3353',3353,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_over','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_over','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_over','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_over','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_over','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_over','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_over','total','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','disclosed','natural_person','372',372,NULL);
INSERT INTO "report_values" VALUES(4,'applications','disclosed','commercial_enterprise','28',28,NULL);
INSERT INTO "report_values" VALUES(4,'applications','disclosed','research_institution','87',87,NULL);
INSERT INTO "report_values" VALUES(4,'applications','disclosed','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','disclosed','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','disclosed','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','disclosed','total','487',487,NULL);
INSERT INTO "report_values" VALUES(4,'applications','partially_disclosed','natural_person','144',144,NULL);
INSERT INTO "report_values" VALUES(4,'applications','partially_disclosed','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','partially_disclosed','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','partially_disclosed','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','partially_disclosed','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','partially_disclosed','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','partially_disclosed','total','144',144,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_state_secret','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_state_secret','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_state_secret','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_state_secret','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_state_secret','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_state_secret','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_state_secret','total','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_prohibited_by_law','natural_person','313',313,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_prohibited_by_law','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_prohibited_by_law','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_prohibited_by_law','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_prohibited_by_law','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_prohibited_by_law','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_prohibited_by_law','total','313',313,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_three_securities_one_stability','natural_person','34',34,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_three_securities_one_stability','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_three_securities_one_stability','research_institution','13',13,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_three_securities_one_stability','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_three_securities_one_stability','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_three_securities_one_stability','other_organization','23',23,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_three_securities_one_stability','total','70',70,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_third_party_rights','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_third_party_rights','commercial_enterprise','22',22,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_third_party_rights','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_third_party_rights','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_third_party_rights','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_third_party_rights','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_third_party_rights','total','22',22,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_internal_affairs','natural_person','83',83,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_internal_affairs','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_internal_affairs','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_internal_affairs','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_internal_affairs','legal_service','2',2,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_internal_affairs','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_internal_affairs','total','85',85,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_process_information','natural_person','54',54,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_process_information','commercial_enterprise','31',31,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_process_information','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_process_information','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_process_information','legal_service','20',20,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_process_information','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_process_information','total','105',105,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_law_enforcement_file','natural_person','25',25,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_law_enforcement_file','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_law_enforcement_file','research_institution','15',15,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_law_enforcement_file','social_organization','33',33,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_law_enforcement_file','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_law_enforcement_file','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_law_enforcement_file','total','73',73,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_administrative_query','natural_person','335',335,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_administrative_query','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_administrative_query','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_administrative_query','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_administrative_query','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_administrative_query','other_organization','23',23,NULL);
INSERT INTO "report_values" VALUES(4,'applications','denied_administrative_query','total','358',358,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_not_held','natural_person','199',199,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_not_held','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_not_held','research_institution','7',7,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_not_held','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_not_held','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_not_held','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_not_held','total','206',206,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_needs_creation','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_needs_creation','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_needs_creation','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_needs_creation','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_needs_creation','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_needs_creation','other_organization','2',2,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_needs_creation','total','2',2,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_unclear_after_correction','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_unclear_after_correction','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_unclear_after_correction','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_unclear_after_correction','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_unclear_after_correction','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_unclear_after_correction','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','unable_unclear_after_correction','total','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_petition','natural_person','358',358,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_petition','commercial_enterprise','9',9,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_petition','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_petition','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_petition','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_petition','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_petition','total','367',367,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_duplicate','natural_person','265',265,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_duplicate','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_duplicate','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_duplicate','social_organization','8',8,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_duplicate','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_duplicate','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_duplicate','total','273',273,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_publication','natural_person','261',261,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_publication','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_publication','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_publication','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_publication','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_publication','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_publication','total','261',261,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_excessive','natural_person','297',297,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_excessive','commercial_enterprise','1',1,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_excessive','research_institution','16',16,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_excessive','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_excessive','legal_service','14',14,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_excessive','other_organization','2',2,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_excessive','total','330',330,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_confirmation','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_confirmation','commercial_enterprise','12',12,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_confirmation','research_institution','29',29,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_confirmation','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_confirmation','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_confirmation','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','not_processed_confirmation','total','41',41,NULL);
INSERT INTO "report_values" VALUES(4,'applications','other_handling','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','other_handling','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','other_handling','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','other_handling','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','other_handling','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','other_handling','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','other_handling','total','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','total_handled','natural_person','2740',2740,NULL);
INSERT INTO "report_values" VALUES(4,'applications','total_handled','commercial_enterprise','103',103,NULL);
INSERT INTO "report_values" VALUES(4,'applications','total_handled','research_institution','167',167,NULL);
INSERT INTO "report_values" VALUES(4,'applications','total_handled','social_organization','41',41,NULL);
INSERT INTO "report_values" VALUES(4,'applications','total_handled','legal_service','36',36,NULL);
INSERT INTO "report_values" VALUES(4,'applications','total_handled','other_organization','50',50,NULL);
INSERT INTO "report_values" VALUES(4,'applications','total_handled','total','3137',3137,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_forward','natural_person','168',168,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_forward','commercial_enterprise','28',28,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_forward','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_forward','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_forward','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_forward','other_organization','20',20,NULL);
INSERT INTO "report_values" VALUES(4,'applications','carried_forward','total','216',216,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','review','upheld','58',58,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','review','corrected','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','review','other','19',19,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','review','pending','16',16,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','review','total','93',93,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_direct','upheld','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_direct','corrected','22',22,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_direct','other','12',12,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_direct','pending','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_direct','total','34',34,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_after_review','upheld','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_after_review','corrected','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_after_review','other','0',0,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_after_review','pending','75',75,NULL);
INSERT INTO "report_values" VALUES(4,'review_litigation','litigation_after_review','total','75',75,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','rules','made','123',123,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','rules','published','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','rules','total_published','4896',4896,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','normative_documents','made','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','normative_documents','published','5',5,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','normative_documents','total_published','5888',5888,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_license','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_license','change','2',2,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_license','decisions','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','other_services','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','other_services','change','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','other_services','decisions','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_penalty','previous_count','199',199,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_penalty','change','-160',-160,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_penalty','decisions','381',381,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_coercion','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_coercion','change','1',1,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_coercion','decisions','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_fees','previous_count','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','administrative_fees','change','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','centralized_procurement','projects','54',54,NULL);
INSERT INTO "report_values" VALUES(5,'active_disclosure','centralized_procurement','amount','10854.60',10854.6,NULL);
INSERT INTO "report_values" VALUES(5,'applications','new_requests','natural_person','2908',2908,NULL);
INSERT INTO "report_values" VALUES(5,'applications','new_requests','commercial_enterprise','131',131,NULL);
INSERT INTO "report_values" VALUES(5,'applications','new_requests','research_institution','167',167,NULL);
INSERT INTO "report_values" VALUES(5,'applications','new_requests','social_organization','41',41,NULL);
INSERT INTO "report_values" VALUES(5,'applications','new_requests','legal_service','36',36,NULL);
INSERT INTO "report_values" VALUES(5,'applications','new_requests','other_organization','70',70,NULL);
INSERT INTO "report_values" VALUES(5,'applications','new_requests','total','3353',3353,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_over','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_over','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_over','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_over','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_over','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_over','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_over','total','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','disclosed','natural_person','372',372,NULL);
INSERT INTO "report_values" VALUES(5,'applications','disclosed','commercial_enterprise','28',28,NULL);
INSERT INTO "report_values" VALUES(5,'applications','disclosed','research_institution','87',87,NULL);
INSERT INTO "report_values" VALUES(5,'applications','disclosed','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','disclosed','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','disclosed','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','disclosed','total','487',487,NULL);
INSERT INTO "report_values" VALUES(5,'applications','partially_disclosed','natural_person','144',144,NULL);
INSERT INTO "report_values" VALUES(5,'applications','partially_disclosed','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','partially_disclosed','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','partially_disclosed','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','partially_disclosed','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','partially_disclosed','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','partially_disclosed','total','144',144,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_state_secret','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_state_secret','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_state_secret','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_state_secret','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_state_secret','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_state_secret','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_state_secret','total','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_prohibited_by_law','natural_person','313',313,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_prohibited_by_law','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_prohibited_by_law','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_prohibited_by_law','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_prohibited_by_law','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_prohibited_by_law','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_prohibited_by_law','total','313',313,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_three_securities_one_stability','natural_person','34',34,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_three_securities_one_stability','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_three_securities_one_stability','research_institution','13',13,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_three_securities_one_stability','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_three_securities_one_stability','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_three_securities_one_stability','other_organization','23',23,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_three_securities_one_stability','total','70',70,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_third_party_rights','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_third_party_rights','commercial_enterprise','22',22,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_third_party_rights','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_third_party_rights','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_third_party_rights','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_third_party_rights','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_third_party_rights','total','22',22,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_internal_affairs','natural_person','83',83,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_internal_affairs','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_internal_affairs','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_internal_affairs','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_internal_affairs','legal_service','2',2,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_internal_affairs','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_internal_affairs','total','85',85,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_process_information','natural_person','54',54,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_process_information','commercial_enterprise','31',31,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_process_information','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_process_information','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_process_information','legal_service','20',20,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_process_information','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_process_information','total','105',105,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_law_enforcement_file','natural_person','25',25,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_law_enforcement_file','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_law_enforcement_file','research_institution','15',15,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_law_enforcement_file','social_organization','33',33,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_law_enforcement_file','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_law_enforcement_file','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_law_enforcement_file','total','73',73,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_administrative_query','natural_person','335',335,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_administrative_query','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_administrative_query','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_administrative_query','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_administrative_query','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_administrative_query','other_organization','23',23,NULL);
INSERT INTO "report_values" VALUES(5,'applications','denied_administrative_query','total','358',358,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_not_held','natural_person','199',199,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_not_held','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_not_held','research_institution','7',7,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_not_held','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_not_held','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_not_held','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_not_held','total','206',206,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_needs_creation','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_needs_creation','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_needs_creation','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_needs_creation','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_needs_creation','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_needs_creation','other_organization','2',2,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_needs_creation','total','2',2,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_unclear_after_correction','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_unclear_after_correction','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_unclear_after_correction','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_unclear_after_correction','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_unclear_after_correction','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_unclear_after_correction','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','unable_unclear_after_correction','total','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_petition','natural_person','358',358,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_petition','commercial_enterprise','9',9,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_petition','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_petition','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_petition','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_petition','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_petition','total','367',367,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_duplicate','natural_person','265',265,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_duplicate','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_duplicate','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_duplicate','social_organization','8',8,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_duplicate','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_duplicate','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_duplicate','total','273',273,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_publication','natural_person','261',261,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_publication','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_publication','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_publication','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_publication','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_publication','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_publication','total','261',261,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_excessive','natural_person','297',297,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_excessive','commercial_enterprise','1',1,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_excessive','research_institution','16',16,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_excessive','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_excessive','legal_service','14',14,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_excessive','other_organization','2',2,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_excessive','total','330',330,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_confirmation','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_confirmation','commercial_enterprise','12',12,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_confirmation','research_institution','29',29,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_confirmation','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_confirmation','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_confirmation','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','not_processed_confirmation','total','41',41,NULL);
INSERT INTO "report_values" VALUES(5,'applications','other_handling','natural_person','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','other_handling','commercial_enterprise','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','other_handling','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','other_handling','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','other_handling','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','other_handling','other_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','other_handling','total','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','total_handled','natural_person','2740',2740,NULL);
INSERT INTO "report_values" VALUES(5,'applications','total_handled','commercial_enterprise','103',103,NULL);
INSERT INTO "report_values" VALUES(5,'applications','total_handled','research_institution','167',167,NULL);
INSERT INTO "report_values" VALUES(5,'applications','total_handled','social_organization','41',41,NULL);
INSERT INTO "report_values" VALUES(5,'applications','total_handled','legal_service','36',36,NULL);
INSERT INTO "report_values" VALUES(5,'applications','total_handled','other_organization','50',50,NULL);
INSERT INTO "report_values" VALUES(5,'applications','total_handled','total','3137',3137,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_forward','natural_person','168',168,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_forward','commercial_enterprise','28',28,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_forward','research_institution','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_forward','social_organization','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_forward','legal_service','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_forward','other_organization','20',20,NULL);
INSERT INTO "report_values" VALUES(5,'applications','carried_forward','total','216',216,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','review','upheld','58',58,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','review','corrected','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','review','other','19',19,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','review','pending','16',16,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','review','total','93',93,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_direct','upheld','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_direct','corrected','22',22,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_direct','other','12',12,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_direct','pending','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_direct','total','34',34,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_after_review','upheld','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_after_review','corrected','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_after_review','other','0',0,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_after_review','pending','75',75,NULL);
INSERT INTO "report_values" VALUES(5,'review_litigation','litigation_after_review','total','75',75,NULL);
INSERT INTO "report_values" VALUES(4,'active_disclosure','administrative_fees','amount','3.50',3.5,NULL);
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
   "problems" TEXT,
   "created_at" TEXT,
   "report_key" TEXT,
   "extractor" TEXT,
   "agency_printed" TEXT,
   "region_code" TEXT,
   "region_source" TEXT,
   "index_no" TEXT,
   "metadata_sources" TEXT
);
INSERT INTO "reports" VALUES(4,'bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4','demo-gkmlpt','示范市南山区人民政府',2019,'2019','示范市南山区人民政府2019年度政府信息公开工作年度报告','http://127.0.0.1:34705/gd/gkmlpt/content/8/2001/post_5888901.html','2020-03-28','0.2.0','ok','[]','2026-12-05T01:18:25.385688Z','demo-gkmlpt:2019:示范市南山区人民政府','html/1',NULL,'440305','registry',NULL,'{"title": "first_line", "year": "title", "agency": "title", "published": "meta", "region_code": "registry"}');
INSERT INTO "reports" VALUES(5,'df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510','demo-gkmlpt','示范市南山区人民政府',2019,'2019','示范市南山区人民政府2019年政府信息公开工作年度报告','http://127.0.0.1:34705/gd/attachment/0/1/5888901/152790.pdf',NULL,'0.2.0','ok','[]','2026-12-05T01:18:25.397787Z','demo-gkmlpt:2019:示范市南山区人民政府','pdfplumber',NULL,'440305','registry',NULL,'{"title": "first_line", "year": "title", "agency": "title", "region_code": "registry"}');
CREATE TABLE "texts" (
   "id" INTEGER PRIMARY KEY,
   "document_sha256" TEXT REFERENCES "documents"("sha256"),
   "extractor" TEXT,
   "extractor_version" TEXT,
   "text" TEXT,
   "tables" TEXT,
   "meta" TEXT,
   "encoding" TEXT,
   "error" TEXT,
   "created_at" TEXT
);
INSERT INTO "texts" VALUES(4,'bd1df8fedafa95ee65756bfaea023232edf510ba086b6e3a24c4740713d16db4','html/1','0.2.0','示范市南山区人民政府2019年度政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布示范市南山区人民政府2019年度政府信息公开工作年度报告。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。
一、总体情况
2019年，示范市南山区人民政府坚持以公开为常态、不公开为例外，认真贯彻落实《条例》，不断完善工作机制，推进政府信息公开工作规范化、标准化。
（一）主动公开。','[]','{"title": "示范市南山区人民政府2019年度政府信息公开工作年度报告", "published": "2020-03-28", "source": "示范市南山区人民政府", "heading": "示范市南山区人民政府2019年度政府信息公开工作年度报告", "encoding_source": "utf8", "container": "generic"}','utf-8',NULL,'2026-12-05T01:18:25.385414Z');
INSERT INTO "texts" VALUES(5,'df18343afa9c9ed5e8b39e612619873737008303f3a73c768fef714907443510','pdfplumber','0.2.0','示范市南山区人民政府2019年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布示范市南山区人民政府2019
年度政府信息公开工作年度报告。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申
请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分
组成。本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。
一、总体情况
2019年，示范市南山区人民政府坚持以公开为常态、不公开为例外，认真贯彻落实《条例》，不断完善工作
机制，推进政府信息公开工作规范化、标准化。
（一）主动','[[["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "123", "0", "4896"], ["规范性文件", "0", "5", "5888"]], [["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "0", "2", "0"], ["其他对外管理服务事项", "0", "0", "0"]], [["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "199", "-160", "381"], ["行政强制", "0", "1", "0"]], [["信息内容", "上一年项目数量", "本年增/减"], ["行政事业性收费", "0", "0"]], [["信息内容", "采购项目数量", "采购总金额"], ["政府集中采购", "54", "10854.60"]], [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况"], ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "总计"], ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"], ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "2908", "131", "167", "41", "36", "70", "3353"], ["二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"], ["三、本年度办理结果", "（一）予以公开", "（一）予以公开", "372", "28", "87", "0", "0", "0", "487"], ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "144", "0", "0", "0", "0", "0", "144"], ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"], ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", "313", "0", "0", "0", "0", "0", "313"], ["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", "34", "0", "13", "0", "0", "23", "70"], ["三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益", "0", "22", "0", "0", "0", "0", "22"], ["三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息", "83", "0", "0", "0", "2", "0", "85"], ["三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息", "54", "31", "0", "0", "20", "0", "105"], ["三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷", "25", "0", "15", "33", "0", "0", "73"], ["三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项", "335", "0", "0", "0", "0", "23", "358"], ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", "199", "0", "7", "0", "0", "0", "206"], ["三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", "0", "0", "0", "0", "0", "2", "2"], ["三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", "0", "0", "0", "0", "0", "0", "0"], ["三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", "358", "9", "0", "0", "0", "0", "367"], ["三、本年度办理结果", "（五）不予处理", "2.重复申请", "265", "0", "0", "8", "0", "0", "273"], ["三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物", "261", "0", "0", "0", "0", "0", "261"], ["三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请", "297", "1", "16", "0", "14", "2", "330"], ["三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "0", "12", "29", "0", "0", "0", "41"], ["三、本年度办理结果", "（六）其他处理", "（六）其他处理", "0", "0", "0", "0", "0", "0", "0"], ["三、本年度办理结果", "（七）总计", "（七）总计", "2740", "103", "167", "41", "36", "50", "3137"], ["四、结转下年度继续办理", "四、结转下年度继续办理", "四、结转下年度继续办理", "168", "28", "0", "0", "0", "20", "216"]], [["行政复议", "行政复议", "行政复议", "行政复议", "行政复议", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "未经复议直接起诉", "未经复议直接起诉", "未经复议直接起诉", "未经复议直接起诉", "复议后起诉", "复议后起诉", "复议后起诉", "复议后起诉", "复议后起诉"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], ["58", "0", "19", "16", "93", "0", "22", "12", "0", "34", "0", "0", "0", "75", "75"]]]','{"pages": "2", "pages_read": "2"}',NULL,NULL,'2026-12-05T01:18:25.397517Z');
INSERT INTO "texts" VALUES(58,'8ab720f881403c3b8547be752b5b067a9746ae55e61fa9adac7a1dc4e67dfff3',NULL,'0.2.0',NULL,NULL,NULL,NULL,'corrupt: pdfminer cannot open it: PSEOF(''Unexpected EOF''); pdfium cannot open it either: Failed to load document (PDFium: Data format error).','2026-12-05T01:18:32.210185Z');
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
CREATE INDEX "idx_report_values_report_id"
    ON "report_values" ("report_id");
CREATE INDEX "idx_events_site_id_kind"
    ON "events" ("site_id", "kind");
CREATE INDEX "idx_report_values_section_row_id_column_id_report_id_value_number"
    ON "report_values" ("section", "row_id", "column_id", "report_id", "value_number");
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
CREATE VIEW report_renditions AS SELECT 
    v.report_key, v.version, v.is_newest, v.is_best, v.document_sha256, v.first_seen,
    r.id AS report_id, r.site_id, r.region_code, CASE WHEN r.region_code IS NULL THEN NULL WHEN r.region_code LIKE '__0000' THEN 'province' WHEN r.region_code LIKE '____00' THEN 'city' ELSE 'county' END AS level, r.agency_printed, CASE WHEN v.report_key LIKE 'url:%' THEN NULL ELSE substr(v.report_key, length(coalesce(r.site_id, '')) + 7) END AS organ, r.agency, r.year, r.format,
    coalesce(r.status, 'unreadable') AS status,
    coalesce(r.problems, (SELECT json_array(json_object('where', 'document', 'kind', 'extraction_failed', 'detail', t.error)) FROM texts t WHERE t.document_sha256 = v.document_sha256 AND t.error IS NOT NULL ORDER BY t.id DESC LIMIT 1), '[]') AS problems, r.title,
    coalesce(r.source_url,
        (SELECT d.first_url FROM documents d WHERE d.sha256 = v.document_sha256))
        AS source_url,
    r.published, r.parser_version, r.extractor

FROM report_versions v LEFT JOIN reports r ON r.id = v.report_id;
CREATE VIEW logical_reports AS SELECT 
    v.report_key, v.version, v.is_newest, v.is_best, v.document_sha256, v.first_seen,
    r.id AS report_id, r.site_id, r.region_code, CASE WHEN r.region_code IS NULL THEN NULL WHEN r.region_code LIKE '__0000' THEN 'province' WHEN r.region_code LIKE '____00' THEN 'city' ELSE 'county' END AS level, r.agency_printed, CASE WHEN v.report_key LIKE 'url:%' THEN NULL ELSE substr(v.report_key, length(coalesce(r.site_id, '')) + 7) END AS organ, r.agency, r.year, r.format,
    coalesce(r.status, 'unreadable') AS status,
    coalesce(r.problems, (SELECT json_array(json_object('where', 'document', 'kind', 'extraction_failed', 'detail', t.error)) FROM texts t WHERE t.document_sha256 = v.document_sha256 AND t.error IS NOT NULL ORDER BY t.id DESC LIMIT 1), '[]') AS problems, r.title,
    coalesce(r.source_url,
        (SELECT d.first_url FROM documents d WHERE d.sha256 = v.document_sha256))
        AS source_url,
    r.published, r.parser_version, r.extractor

FROM report_versions v LEFT JOIN reports r ON r.id = v.report_id
WHERE v.is_best = 1;
CREATE VIEW latest_reports AS SELECT 
    v.report_key, v.version, v.is_newest, v.is_best, v.document_sha256, v.first_seen,
    r.id AS report_id, r.site_id, r.region_code, CASE WHEN r.region_code IS NULL THEN NULL WHEN r.region_code LIKE '__0000' THEN 'province' WHEN r.region_code LIKE '____00' THEN 'city' ELSE 'county' END AS level, r.agency_printed, CASE WHEN v.report_key LIKE 'url:%' THEN NULL ELSE substr(v.report_key, length(coalesce(r.site_id, '')) + 7) END AS organ, r.agency, r.year, r.format,
    coalesce(r.status, 'unreadable') AS status,
    coalesce(r.problems, (SELECT json_array(json_object('where', 'document', 'kind', 'extraction_failed', 'detail', t.error)) FROM texts t WHERE t.document_sha256 = v.document_sha256 AND t.error IS NOT NULL ORDER BY t.id DESC LIMIT 1), '[]') AS problems, r.title,
    coalesce(r.source_url,
        (SELECT d.first_url FROM documents d WHERE d.sha256 = v.document_sha256))
        AS source_url,
    r.published, r.parser_version, r.extractor

FROM report_versions v LEFT JOIN reports r ON r.id = v.report_id
WHERE v.is_best = 1 AND v.is_newest = 1;
CREATE VIEW latest_values AS SELECT lr.report_key, lr.site_id, lr.organ, lr.agency, lr.year,
    lr.format, lr.status, x.section, x.row_id, x.column_id,
    (SELECT cb.row_label FROM codebook cb WHERE cb.format = lr.format
        AND cb.section = x.section AND cb.row_id = x.row_id AND cb.column_id = x.column_id)
        AS row_label,
    (SELECT cb.column_label FROM codebook cb WHERE cb.format = lr.format
        AND cb.section = x.section AND cb.row_id = x.row_id AND cb.column_id = x.column_id)
        AS column_label,
    x.value, x.value_number, x.problem, lr.document_sha256
FROM report_values x
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
INSERT INTO "report_values" VALUES(4,'applications','extra_row','total',NULL,NULL,'missing_cell');
COMMIT;
