//! The forum module through the real router: categories, topics and replies, reply counting
//! under concurrency, last-activity ordering with pinned topics, lock and pin, permissions,
//! tenants, the module switch, outbox events and hostile input.

use axum::http::{Method, StatusCode};
use rustok_outbox::entities::sys_events;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::support::{TestApp, TestResponse, backend};

/// A tenant with the forum on and its owner (an admin, so a moderator); returns the token.
async fn sign_in(app: &TestApp, tenant: &str) -> String {
    app.tenant_admin(tenant).await
}

/// A newly registered member (role customer: `forum:post`).
async fn member(app: &TestApp, tenant: &str, email: &str) -> String {
    app.customer(tenant, email).await
}

async fn create_forum(app: &TestApp, tenant: &str, token: &str, title: &str) -> String {
    let created = app
        .post(
            "/api/v1/forum/forums",
            json!({"title": title, "description": "Talk about it"}),
        )
        .tenant(tenant)
        .bearer(token)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    created.json()["id"].as_str().unwrap().to_string()
}

async fn create_topic(app: &TestApp, token: &str, forum: &str, title: &str) -> Value {
    let created = app
        .post(
            &format!("/api/v1/forum/forums/{forum}/topics"),
            json!({"title": title, "body": "What do you **think**?"}),
        )
        .tenant("acme")
        .bearer(token)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    created.json()
}

async fn reply(app: &TestApp, token: &str, topic: &str, body: &str) -> TestResponse {
    app.post(
        &format!("/api/v1/forum/topics/{topic}/replies"),
        json!({"body": body}),
    )
    .tenant("acme")
    .bearer(token)
    .send()
    .await
}

async fn topic(app: &TestApp, id: &str) -> Value {
    let found = app
        .get(&format!("/api/v1/forum/topics/{id}"))
        .tenant("acme")
        .send()
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text());
    found.json()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// Outbox rows of `event_type` about `node_id`.
async fn events_about(app: &TestApp, event_type: &str, node_id: &str) -> usize {
    sys_events::Entity::find()
        .filter(sys_events::Column::EventType.eq(event_type))
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.payload["data"]["node_id"] == node_id)
        .count()
}

async fn all_events(app: &TestApp) -> usize {
    sys_events::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len()
}

async fn set_module(app: &TestApp, token: &str, slug: &str, enabled: bool) {
    let toggled = app
        .call(Method::PUT, &format!("/api/v1/modules/{slug}"))
        .json(json!({"enabled": enabled}))
        .tenant("acme")
        .bearer(token)
        .send()
        .await;
    assert_eq!(toggled.status, StatusCode::OK, "{}", toggled.text());
}

#[tokio::test]
async fn forums_topics_and_replies_through_rest() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let bob = member(&app, "acme", "bob@acme.test").await;

    // Two forums, listed by position.
    let general = create_forum(&app, "acme", &owner, "General").await;
    let second = app
        .post(
            "/api/v1/forum/forums",
            json!({"title": "Announcements", "position": -1}),
        )
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await
        .json();
    assert_eq!(second["status"], "published");
    assert_eq!(second["kind"], "forum");
    let forums = app
        .get("/api/v1/forum/forums")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(
        ids(&forums),
        vec![second["id"].as_str().unwrap().to_string(), general.clone()]
    );
    let by_slug = app
        .get("/api/v1/forum/forums/by-slug/general")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(by_slug["id"], general.as_str());
    // The description is the excerpt (plain text).
    assert_eq!(by_slug["excerpt"], "Talk about it");

    // A member opens a topic: published at once, counted on the forum.
    let opened = create_topic(&app, &alice, &general, "Help!").await;
    assert_eq!(opened["status"], "published");
    assert_eq!(opened["kind"], "topic");
    assert_eq!(opened["parent_id"], general.as_str());
    assert_eq!(opened["slug"], "help");
    assert!(
        opened["body"]["html"]
            .as_str()
            .unwrap()
            .contains("<strong>think</strong>")
    );
    let topic_id = opened["id"].as_str().unwrap().to_string();
    // The same title again still gets a unique slug.
    let again = create_topic(&app, &bob, &general, "Help!").await;
    let slug = again["slug"].as_str().unwrap();
    assert!(slug.starts_with("help-") && slug.len() > 5, "{slug}");
    let forum = app
        .get(&format!("/api/v1/forum/forums/{general}"))
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(forum["reply_count"], 2, "topics in the forum");

    // Replies: oldest first, generated titles and slugs, counted on the topic.
    let first = reply(&app, &bob, &topic_id, "First!").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let first = first.json();
    assert_eq!(first["title"], "Re: Help!");
    assert!(first["slug"].as_str().unwrap().starts_with("reply-"));
    let second_reply = reply(&app, &alice, &topic_id, "Thanks").await.json();
    let replies = app
        .get(&format!("/api/v1/forum/topics/{topic_id}/replies"))
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(
        ids(&replies),
        vec![
            first["id"].as_str().unwrap().to_string(),
            second_reply["id"].as_str().unwrap().to_string()
        ]
    );
    assert_eq!(topic(&app, &topic_id).await["reply_count"], 2);

    // Authors edit their own posts; other members cannot; moderators can.
    let topic_path = format!("/api/v1/forum/topics/{topic_id}");
    let edited = app
        .call(Method::PATCH, &topic_path)
        .json(json!({"title": "Help, please!", "body": "Edited"}))
        .tenant("acme")
        .bearer(&alice)
        .send()
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text());
    let edited = edited.json();
    assert_eq!(edited["title"], "Help, please!");
    assert_eq!(edited["slug"], "help", "the slug stays stable");
    assert_eq!(edited["body"]["source"], "Edited");
    app.call(Method::PATCH, &topic_path)
        .json(json!({"title": "Hijacked"}))
        .tenant("acme")
        .bearer(&bob)
        .send()
        .await
        .assert_problem(403, "forbidden");
    let reply_path = format!("/api/v1/forum/replies/{}", first["id"].as_str().unwrap());
    app.call(Method::PATCH, &reply_path)
        .json(json!({"body": "Not mine"}))
        .tenant("acme")
        .bearer(&alice)
        .send()
        .await
        .assert_problem(403, "forbidden");
    let own = app
        .call(Method::PATCH, &reply_path)
        .json(json!({"body": "First, edited"}))
        .tenant("acme")
        .bearer(&bob)
        .send()
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text());
    assert_eq!(own.json()["body"]["source"], "First, edited");
    let moderated = app
        .call(Method::PATCH, &topic_path)
        .json(json!({"body": "Moderated"}))
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(moderated.status, StatusCode::OK, "{}", moderated.text());

    // Only moderators delete; the topic's count follows.
    app.call(Method::DELETE, &reply_path)
        .tenant("acme")
        .bearer(&bob)
        .send()
        .await
        .assert_problem(403, "forbidden");
    let deleted = app
        .call(Method::DELETE, &reply_path)
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(topic(&app, &topic_id).await["reply_count"], 1);
    app.call(Method::DELETE, &reply_path)
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await
        .assert_problem(404, "not_found");

    // An id of the wrong kind is absent.
    app.get(&format!("/api/v1/forum/topics/{general}"))
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    app.get(&format!("/api/v1/forum/forums/{topic_id}/topics"))
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");

    // Deleting the topic takes its replies along.
    let gone = app
        .call(Method::DELETE, &topic_path)
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    app.get(&topic_path)
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    app.get(&format!("/api/v1/forum/topics/{topic_id}/replies"))
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn forums_and_topics_are_translated() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let operator = app.admin_token().await;
    let acme_id = app
        .post("/api/graphql", json!({"query": "{ tenant { id } }"}))
        .tenant("acme")
        .send()
        .await
        .json()["data"]["tenant"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let saved = app
        .call(Method::PATCH, &format!("/api/v1/tenants/{acme_id}"))
        .json(json!({"settings": {"locales": {"default": "en", "enabled": ["en", "de"]}}}))
        .bearer(&operator)
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());

    let forum = create_forum(&app, "acme", &owner, "General").await;
    let german = app
        .call(Method::PATCH, &format!("/api/v1/forum/forums/{forum}"))
        .json(json!({"locale": "de", "title": "Allgemeines", "description": "Worüber ihr wollt"}))
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(german.status, StatusCode::OK, "{}", german.text());
    assert_eq!(german.json()["locale"], "de");
    let listed = app
        .get("/api/v1/forum/forums?locale=de")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(listed["items"][0]["title"], "Allgemeines");
    assert_eq!(listed["items"][0]["slug"], "allgemeines");

    let opened = create_topic(&app, &owner, &forum, "Welcome").await;
    let id = opened["id"].as_str().unwrap();
    // A body in a new locale needs a title there.
    app.call(Method::PATCH, &format!("/api/v1/forum/topics/{id}"))
        .json(json!({"locale": "de", "body": "Hallo"}))
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await
        .assert_problem(422, "validation_failed");
    let translated = app
        .call(Method::PATCH, &format!("/api/v1/forum/topics/{id}"))
        .json(json!({"locale": "de", "title": "Willkommen", "body": "Hallo *alle*"}))
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(translated.status, StatusCode::OK, "{}", translated.text());
    let de = app
        .get(&format!("/api/v1/forum/topics/{id}?locale=de"))
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(
        (de["locale"].as_str(), de["title"].as_str()),
        (Some("de"), Some("Willkommen"))
    );
    assert!(
        de["body"]["html"]
            .as_str()
            .unwrap()
            .contains("<em>alle</em>")
    );
    let en = topic(&app, id).await;
    assert_eq!(en["title"], "Welcome");
    // A German reply is titled after the German topic.
    let answered = app
        .post(
            &format!("/api/v1/forum/topics/{id}/replies"),
            json!({"locale": "de", "body": "Danke"}),
        )
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text());
    assert_eq!(answered.json()["title"], "Re: Willkommen");
}

#[tokio::test]
async fn concurrent_replies_are_all_counted() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let opened = create_topic(&app, &alice, &forum, "Busy thread").await;
    let id = opened["id"].as_str().unwrap();

    let bodies: Vec<String> = (0..20).map(|i| format!("Reply number {i}")).collect();
    let responses =
        futures::future::join_all(bodies.iter().map(|b| reply(&app, &alice, id, b))).await;
    for response in &responses {
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "[{}] {}",
            backend(),
            response.text()
        );
    }
    let counted = topic(&app, id).await;
    assert_eq!(counted["reply_count"], 20, "[{}] {counted}", backend());
    let mut listed = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/forum/topics/{id}/replies?limit=7");
        if let Some(cursor) = &after {
            path.push_str(&format!("&after={cursor}"));
        }
        let page = app.get(&path).tenant("acme").send().await.json();
        listed.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => after = Some(cursor.to_string()),
            None => break,
        }
    }
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), 20, "[{}] every reply listed once", backend());
}

#[tokio::test]
async fn replies_move_topics_up_and_pinned_topics_stay_first() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let mut topics = Vec::new();
    for title in ["Oldest", "Middle", "Newest", "Quiet"] {
        let created = create_topic(&app, &alice, &forum, title).await;
        topics.push(created["id"].as_str().unwrap().to_string());
        tokio::time::sleep(std::time::Duration::from_millis(15)).await;
    }
    let [oldest, middle, newest, quiet] = [&topics[0], &topics[1], &topics[2], &topics[3]];
    let listing = |limit: u64, after: Option<String>| {
        let mut path = format!("/api/v1/forum/forums/{forum}/topics?limit={limit}");
        if let Some(after) = after {
            path.push_str(&format!("&after={after}"));
        }
        app.get(&path).tenant("acme").send()
    };
    let page = listing(10, None).await.json();
    assert_eq!(
        ids(&page),
        [quiet, newest, middle, oldest].map(String::clone).to_vec()
    );

    // A reply moves its topic to the top; pinning puts a topic above all others.
    let replied = reply(&app, &alice, oldest, "Bump").await;
    assert_eq!(replied.status, StatusCode::CREATED, "{}", replied.text());
    let pinned = app
        .post(
            &format!("/api/v1/forum/topics/{middle}/moderation"),
            json!({"pinned": true}),
        )
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(pinned.status, StatusCode::OK, "{}", pinned.text());
    assert_eq!(pinned.json()["pinned"], true);
    let expected: Vec<String> = [middle, oldest, quiet, newest].map(String::clone).to_vec();
    let page = listing(10, None).await.json();
    assert_eq!(ids(&page), expected, "[{}]", backend());
    assert_eq!(page["items"][0]["pinned"], true);

    // The same order across pages of one.
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = listing(1, after).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let page = page.json();
        paged.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => after = Some(cursor.to_string()),
            None => break,
        }
    }
    assert_eq!(paged, expected, "[{}] pages", backend());

    // GraphQL lists the same way.
    let listed = app
        .graphql(
            None,
            Some("acme"),
            "query($id: ID!) { forumTopics(forumId: $id, first: 2) { items { id pinned } nextCursor } }",
            json!({"id": forum}),
        )
        .await;
    let items = &listed["data"]["forumTopics"]["items"];
    assert_eq!(items[0]["id"], middle.as_str(), "{listed}");
    assert_eq!(items[1]["id"], oldest.as_str());
    assert!(listed["data"]["forumTopics"]["nextCursor"].is_string());
}

#[tokio::test]
async fn locked_topics_refuse_replies_and_write_no_events() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let opened = create_topic(&app, &alice, &forum, "Heated").await;
    let id = opened["id"].as_str().unwrap();

    // Each reply writes exactly one created and one published event, in its transaction.
    let answered = reply(&app, &alice, id, "Calm down").await.json();
    let reply_id = answered["id"].as_str().unwrap();
    assert_eq!(
        events_about(&app, "content.node_created", reply_id).await,
        1
    );
    assert_eq!(
        events_about(&app, "content.node_published", reply_id).await,
        1
    );

    let locked = app
        .post(
            &format!("/api/v1/forum/topics/{id}/moderation"),
            json!({"locked": true}),
        )
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(locked.status, StatusCode::OK, "{}", locked.text());
    assert_eq!(locked.json()["locked"], true);

    let before = all_events(&app).await;
    reply(&app, &alice, id, "But...")
        .await
        .assert_problem(409, "node_locked");
    reply(&app, &owner, id, "Even moderators")
        .await
        .assert_problem(409, "node_locked");
    assert_eq!(
        all_events(&app).await,
        before,
        "a refused reply writes no event"
    );
    assert_eq!(topic(&app, id).await["reply_count"], 1);
    // The author cannot edit a locked topic either; a moderator can.
    let refused = app
        .call(Method::PATCH, &format!("/api/v1/forum/topics/{id}"))
        .json(json!({"body": "Sneaky edit"}))
        .tenant("acme")
        .bearer(&alice)
        .send()
        .await
        .assert_problem(409, "node_locked");
    assert_eq!(
        refused["detail"], "the topic is locked: it and its replies cannot be edited",
        "an edit refusal says why, not that the topic takes no replies"
    );
    let refused = app
        .call(Method::PATCH, &format!("/api/v1/forum/replies/{reply_id}"))
        .json(json!({"body": "Sneaky edit"}))
        .tenant("acme")
        .bearer(&alice)
        .send()
        .await
        .assert_problem(409, "node_locked");
    assert_eq!(
        refused["detail"],
        "the topic is locked: it and its replies cannot be edited"
    );

    let unlocked = app
        .graphql(
            Some(&owner),
            Some("acme"),
            "mutation($id: ID!) { forumModerateTopic(id: $id, flags: {locked: false}) { locked } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        unlocked["data"]["forumModerateTopic"]["locked"], false,
        "{unlocked}"
    );
    let allowed = reply(&app, &alice, id, "Thanks for reopening").await;
    assert_eq!(allowed.status, StatusCode::CREATED, "{}", allowed.text());
}

#[tokio::test]
async fn members_post_but_only_moderators_moderate() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let opened = create_topic(&app, &alice, &forum, "Mine").await;
    let id = opened["id"].as_str().unwrap();

    // Anonymous callers read but never write.
    assert_eq!(topic(&app, id).await["title"], "Mine");
    app.post(
        &format!("/api/v1/forum/forums/{forum}/topics"),
        json!({"title": "Anon", "body": "Hi"}),
    )
    .tenant("acme")
    .send()
    .await
    .assert_problem(401, "missing_token");
    app.post(
        &format!("/api/v1/forum/topics/{id}/replies"),
        json!({"body": "Hi"}),
    )
    .tenant("acme")
    .send()
    .await
    .assert_problem(401, "missing_token");
    let anonymous = app
        .graphql(
            None,
            Some("acme"),
            "mutation($id: ID!) { forumCreateReply(topicId: $id, input: {body: \"Hi\"}) { id } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        anonymous["errors"][0]["extensions"]["code"],
        "missing_token"
    );

    // Members cannot create forums, lock, pin or delete.
    app.post("/api/v1/forum/forums", json!({"title": "Mine too"}))
        .tenant("acme")
        .bearer(&alice)
        .send()
        .await
        .assert_problem(403, "forbidden");
    for flags in [json!({"locked": true}), json!({"pinned": true})] {
        app.post(&format!("/api/v1/forum/topics/{id}/moderation"), flags)
            .tenant("acme")
            .bearer(&alice)
            .send()
            .await
            .assert_problem(403, "forbidden");
    }
    let denied = app
        .graphql(
            Some(&alice),
            Some("acme"),
            "mutation($id: ID!) { forumModerateTopic(id: $id, flags: {pinned: true}) { pinned } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(denied["errors"][0]["extensions"]["code"], "forbidden");
    app.call(Method::DELETE, &format!("/api/v1/forum/topics/{id}"))
        .tenant("acme")
        .bearer(&alice)
        .send()
        .await
        .assert_problem(403, "forbidden");
    let unchanged = topic(&app, id).await;
    assert_eq!(
        (unchanged["pinned"].as_bool(), unchanged["locked"].as_bool()),
        (Some(false), Some(false))
    );
}

#[tokio::test]
async fn a_disabled_forum_answers_as_absent() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let opened = create_topic(&app, &owner, &forum, "Still here").await;
    let id = opened["id"].as_str().unwrap();

    set_module(&app, &owner, "forum", false).await;
    app.get("/api/v1/forum/forums")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "module_disabled");
    app.get(&format!("/api/v1/forum/topics/{id}"))
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "module_disabled");
    reply(&app, &owner, id, "Anyone?")
        .await
        .assert_problem(404, "module_disabled");
    let gql = app
        .graphql(None, Some("acme"), "{ forums { items { id } } }", json!({}))
        .await;
    assert_eq!(gql["errors"][0]["extensions"]["code"], "module_disabled");
    // Other tenants keep it.
    assert_eq!(
        app.get("/api/v1/forum/forums")
            .tenant("demo")
            .send()
            .await
            .status,
        StatusCode::OK
    );
    set_module(&app, &owner, "forum", true).await;
    assert_eq!(topic(&app, id).await["id"], id);
}

#[tokio::test]
async fn other_tenants_cannot_read_or_reply() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let opened = create_topic(&app, &owner, &forum, "Private to acme").await;
    let id = opened["id"].as_str().unwrap();
    let intruder = sign_in(&app, "globex").await;

    for tenant in ["globex", "demo"] {
        app.get(&format!("/api/v1/forum/topics/{id}"))
            .tenant(tenant)
            .send()
            .await
            .assert_problem(404, "not_found");
        app.get(&format!("/api/v1/forum/topics/{id}/replies"))
            .tenant(tenant)
            .send()
            .await
            .assert_problem(404, "not_found");
    }
    let before = all_events(&app).await;
    app.post(
        &format!("/api/v1/forum/topics/{id}/replies"),
        json!({"body": "Hello from globex"}),
    )
    .tenant("globex")
    .bearer(&intruder)
    .send()
    .await
    .assert_problem(404, "not_found");
    app.post(
        &format!("/api/v1/forum/forums/{forum}/topics"),
        json!({"title": "Spam", "body": "Hello from globex"}),
    )
    .tenant("globex")
    .bearer(&intruder)
    .send()
    .await
    .assert_problem(404, "not_found");
    app.post(
        &format!("/api/v1/forum/topics/{id}/moderation"),
        json!({"locked": true}),
    )
    .tenant("globex")
    .bearer(&intruder)
    .send()
    .await
    .assert_problem(404, "not_found");
    let gql = app
        .graphql(
            None,
            Some("globex"),
            "query($id: ID!) { forumTopic(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert!(gql["data"]["forumTopic"].is_null(), "{gql}");
    assert_eq!(all_events(&app).await, before);
    assert_eq!(topic(&app, id).await["reply_count"], 0);
}

#[tokio::test]
async fn unpublished_topics_take_no_replies() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let opened = create_topic(&app, &alice, &forum, "Soon hidden").await;
    let id = opened["id"].as_str().unwrap();
    // Staff take it down through the content workflow.
    let hidden = app
        .post(
            &format!("/api/v1/content/nodes/{id}/transitions"),
            json!({"transition": "unpublish"}),
        )
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.text());
    app.get(&format!("/api/v1/forum/topics/{id}"))
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    reply(&app, &alice, id, "Hello?")
        .await
        .assert_problem(404, "not_found");
    let listed = app
        .get(&format!("/api/v1/forum/forums/{forum}/topics"))
        .tenant("acme")
        .bearer(&alice)
        .send()
        .await
        .json();
    assert_eq!(ids(&listed).len(), 0);
    // Staff still see it.
    assert_eq!(
        app.get(&format!("/api/v1/forum/topics/{id}"))
            .tenant("acme")
            .bearer(&owner)
            .send()
            .await
            .json()["status"],
        "draft"
    );

    // A forum taken down closes its topics too.
    let open_topic = create_topic(&app, &alice, &forum, "Still open").await;
    let open_id = open_topic["id"].as_str().unwrap();
    let before = reply(&app, &alice, open_id, "Before").await;
    assert_eq!(before.status, StatusCode::CREATED, "{}", before.text());
    let down = app
        .post(
            &format!("/api/v1/content/nodes/{forum}/transitions"),
            json!({"transition": "unpublish"}),
        )
        .tenant("acme")
        .bearer(&owner)
        .send()
        .await;
    assert_eq!(down.status, StatusCode::OK, "{}", down.text());
    reply(&app, &alice, open_id, "After")
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn hostile_posts_are_sanitised_or_refused() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let opened = create_topic(&app, &alice, &forum, "<script>alert(1)</script>").await;
    let id = opened["id"].as_str().unwrap();

    let answered = reply(
        &app,
        &alice,
        id,
        "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))",
    )
    .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text());
    let html = answered.json()["body"]["html"]
        .as_str()
        .unwrap()
        .to_string();
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }

    // Over the forum's limit: a validation error; over the HTTP limit: 413.
    reply(&app, &alice, id, &"x".repeat(64 * 1024 + 1))
        .await
        .assert_problem(422, "validation_failed");
    reply(&app, &alice, id, &"x".repeat(3 * 1024 * 1024))
        .await
        .assert_problem(413, "payload_too_large");
    reply(&app, &alice, id, "   ")
        .await
        .assert_problem(422, "validation_failed");
    app.post(
        &format!("/api/v1/forum/forums/{forum}/topics"),
        json!({"title": "x".repeat(300), "body": "Long title"}),
    )
    .tenant("acme")
    .bearer(&alice)
    .send()
    .await
    .assert_problem(422, "validation_failed");
    app.get("/api/v1/forum/topics/not-an-id")
        .tenant("acme")
        .send()
        .await
        .assert_problem(400, "invalid_id");
    assert_eq!(topic(&app, id).await["reply_count"], 1);
}

#[tokio::test]
async fn graphql_covers_the_forum() {
    let app = TestApp::spawn().await;
    let owner = sign_in(&app, "acme").await;
    let alice = member(&app, "acme", "alice@acme.test").await;
    let created = app
        .graphql(
            Some(&owner),
            Some("acme"),
            "mutation { forumCreate(input: {title: \"Support\", description: \"Ask here\"}) { id slug status excerpt } }",
            json!({}),
        )
        .await;
    assert!(created["errors"].is_null(), "{created}");
    let forum = created["data"]["forumCreate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(created["data"]["forumCreate"]["status"], "published");

    let opened = app
        .graphql(
            Some(&alice),
            Some("acme"),
            "mutation($forum: ID!) { forumCreateTopic(forumId: $forum, input: {title: \"Login fails\", body: \"Since *today*\"}) { id slug body { html } } }",
            json!({"forum": forum}),
        )
        .await;
    assert!(opened["errors"].is_null(), "{opened}");
    let topic_id = opened["data"]["forumCreateTopic"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let answered = app
        .graphql(
            Some(&owner),
            Some("acme"),
            "mutation($id: ID!) { forumCreateReply(topicId: $id, input: {body: \"Fixed\"}) { id title } }",
            json!({"id": topic_id}),
        )
        .await;
    assert_eq!(
        answered["data"]["forumCreateReply"]["title"], "Re: Login fails",
        "{answered}"
    );
    let read = app
        .graphql(
            None,
            Some("acme"),
            "query($id: ID!) { forumTopic(id: $id) { title replyCount } forumReplies(topicId: $id) { items { title } } forum(slug: \"support\") { id } forums { items { slug } } }",
            json!({"id": topic_id}),
        )
        .await;
    assert!(read["errors"].is_null(), "{read}");
    assert_eq!(read["data"]["forumTopic"]["replyCount"], 1);
    assert_eq!(
        read["data"]["forumReplies"]["items"][0]["title"],
        "Re: Login fails"
    );
    assert_eq!(read["data"]["forum"]["id"], forum.as_str());
    assert_eq!(read["data"]["forums"]["items"][0]["slug"], "support");

    let edited = app
        .graphql(
            Some(&alice),
            Some("acme"),
            "mutation($id: ID!) { forumUpdateTopic(id: $id, input: {title: \"Login fails on mobile\"}) { title } }",
            json!({"id": topic_id}),
        )
        .await;
    assert_eq!(
        edited["data"]["forumUpdateTopic"]["title"], "Login fails on mobile",
        "{edited}"
    );
    let deleted = app
        .graphql(
            Some(&owner),
            Some("acme"),
            "mutation($id: ID!) { forumDeleteTopic(id: $id) }",
            json!({"id": topic_id}),
        )
        .await;
    assert_eq!(deleted["data"]["forumDeleteTopic"], true, "{deleted}");
    let missing = app
        .graphql(
            None,
            Some("acme"),
            "query($id: ID!) { forumTopic(id: $id) { id } }",
            json!({"id": topic_id}),
        )
        .await;
    assert!(missing["data"]["forumTopic"].is_null(), "{missing}");
}

#[tokio::test]
async fn the_demo_tenant_starts_with_a_forum_in_two_languages() {
    let app = TestApp::spawn().await;
    let forums = app
        .get("/api/v1/forum/forums?locale=de")
        .tenant("demo")
        .send()
        .await
        .json();
    let forum = &forums["items"][0];
    assert_eq!(forum["title"], "Allgemeine Diskussion", "{forums}");
    let topics = app
        .get(&format!(
            "/api/v1/forum/forums/{}/topics",
            forum["id"].as_str().unwrap()
        ))
        .tenant("demo")
        .send()
        .await
        .json();
    let items = topics["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{topics}");
    // The rules are pinned (and locked) ahead of the question with its reply.
    assert_eq!(items[0]["title"], "Forum rules");
    assert_eq!(
        (items[0]["pinned"].as_bool(), items[0]["locked"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(items[1]["reply_count"], 1);
}
