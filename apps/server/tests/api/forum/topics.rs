//! Forums, topics and replies: writing, editing, translating, counting and ordering them.

use axum::http::StatusCode;
use serde_json::json;

use super::{alices_topic, create_forum, create_topic, reply, topic};
use crate::support::content::ids;
use crate::support::{TestApp, backend};

#[tokio::test]
async fn forums_topics_and_replies_through_rest() {
    let app = TestApp::spawn().await;
    let owner = app.tenant_admin("acme").await;
    let as_owner = app.signed_in("acme", &owner);
    let alice = app.customer("acme", "alice@acme.test").await;
    let as_alice = app.signed_in("acme", &alice);
    let bob = app.customer("acme", "bob@acme.test").await;
    let as_bob = app.signed_in("acme", &bob);

    // Two forums, listed by position.
    let general = create_forum(&app, "acme", &owner, "General").await;
    let second = as_owner
        .post(
            "/api/v1/forum/forums",
            json!({"title": "Announcements", "position": -1}),
        )
        .send()
        .await
        .json();
    assert_eq!(second["status"], "published");
    assert_eq!(second["kind"], "forum");
    let visitor = app.anonymous("acme");
    let forums = visitor.get("/api/v1/forum/forums").send().await.json();
    assert_eq!(
        ids(&forums),
        vec![second["id"].as_str().unwrap().to_string(), general.clone()]
    );
    let by_slug = visitor
        .get("/api/v1/forum/forums/by-slug/general")
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
    let forum = visitor
        .get(&format!("/api/v1/forum/forums/{general}"))
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
    let replies = visitor
        .get(&format!("/api/v1/forum/topics/{topic_id}/replies"))
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
    let edited = as_alice
        .patch(
            &topic_path,
            json!({"title": "Help, please!", "body": "Edited"}),
        )
        .send()
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text());
    let edited = edited.json();
    assert_eq!(edited["title"], "Help, please!");
    assert_eq!(edited["slug"], "help", "the slug stays stable");
    assert_eq!(edited["body"]["source"], "Edited");
    as_bob
        .patch(&topic_path, json!({"title": "Hijacked"}))
        .problem(403, "forbidden")
        .await;
    let reply_path = format!("/api/v1/forum/replies/{}", first["id"].as_str().unwrap());
    as_alice
        .patch(&reply_path, json!({"body": "Not mine"}))
        .problem(403, "forbidden")
        .await;
    let own = as_bob
        .patch(&reply_path, json!({"body": "First, edited"}))
        .send()
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text());
    assert_eq!(own.json()["body"]["source"], "First, edited");
    let moderated = as_owner
        .patch(&topic_path, json!({"body": "Moderated"}))
        .send()
        .await;
    assert_eq!(moderated.status, StatusCode::OK, "{}", moderated.text());

    // Only moderators delete; the topic's count follows.
    as_bob.delete(&reply_path).problem(403, "forbidden").await;
    let deleted = as_owner.delete(&reply_path).send().await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(topic(&app, &topic_id).await["reply_count"], 1);
    as_owner.delete(&reply_path).problem(404, "not_found").await;

    // An id of the wrong kind is absent.
    visitor
        .get(&format!("/api/v1/forum/topics/{general}"))
        .problem(404, "not_found")
        .await;
    visitor
        .get(&format!("/api/v1/forum/forums/{topic_id}/topics"))
        .problem(404, "not_found")
        .await;

    // Deleting the topic takes its replies along.
    let gone = as_owner.delete(&topic_path).send().await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    visitor.get(&topic_path).problem(404, "not_found").await;
    visitor
        .get(&format!("/api/v1/forum/topics/{topic_id}/replies"))
        .problem(404, "not_found")
        .await;
}

#[tokio::test]
async fn forums_and_topics_are_translated() {
    let app = TestApp::spawn().await;
    let owner = app.tenant_admin("acme").await;
    let as_owner = app.signed_in("acme", &owner);
    app.speak_english_and_german("acme").await;

    let forum = create_forum(&app, "acme", &owner, "General").await;
    let german = as_owner
        .patch(
            &format!("/api/v1/forum/forums/{forum}"),
            json!({"locale": "de", "title": "Allgemeines", "description": "Worüber ihr wollt"}),
        )
        .send()
        .await;
    assert_eq!(german.status, StatusCode::OK, "{}", german.text());
    assert_eq!(german.json()["locale"], "de");
    let visitor = app.anonymous("acme");
    let listed = visitor
        .get("/api/v1/forum/forums?locale=de")
        .send()
        .await
        .json();
    assert_eq!(listed["items"][0]["title"], "Allgemeines");
    assert_eq!(listed["items"][0]["slug"], "allgemeines");

    let opened = create_topic(&app, &owner, &forum, "Welcome").await;
    let id = opened["id"].as_str().unwrap();
    // A body in a new locale needs a title there.
    as_owner
        .patch(
            &format!("/api/v1/forum/topics/{id}"),
            json!({"locale": "de", "body": "Hallo"}),
        )
        .problem(422, "validation_failed")
        .await;
    let translated = as_owner
        .patch(
            &format!("/api/v1/forum/topics/{id}"),
            json!({"locale": "de", "title": "Willkommen", "body": "Hallo *alle*"}),
        )
        .send()
        .await;
    assert_eq!(translated.status, StatusCode::OK, "{}", translated.text());
    let de = visitor
        .get(&format!("/api/v1/forum/topics/{id}?locale=de"))
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
    let answered = as_owner
        .post(
            &format!("/api/v1/forum/topics/{id}/replies"),
            json!({"locale": "de", "body": "Danke"}),
        )
        .send()
        .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text());
    assert_eq!(answered.json()["title"], "Re: Willkommen");
}

#[tokio::test]
async fn concurrent_replies_are_all_counted() {
    let app = TestApp::spawn().await;
    let (_, alice, _, topic_id) = alices_topic(&app, "Busy thread").await;
    let id = topic_id.as_str();

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
    let visitor = app.anonymous("acme");
    loop {
        let mut path = format!("/api/v1/forum/topics/{id}/replies?limit=7");
        if let Some(cursor) = &after {
            path.push_str(&format!("&after={cursor}"));
        }
        let page = visitor.get(&path).send().await.json();
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
    let owner = app.tenant_admin("acme").await;
    let as_owner = app.signed_in("acme", &owner);
    let alice = app.customer("acme", "alice@acme.test").await;
    let forum = create_forum(&app, "acme", &owner, "General").await;
    let mut topics = Vec::new();
    for title in ["Oldest", "Middle", "Newest", "Quiet"] {
        let created = create_topic(&app, &alice, &forum, title).await;
        topics.push(created["id"].as_str().unwrap().to_string());
        tokio::time::sleep(std::time::Duration::from_millis(15)).await;
    }
    let [oldest, middle, newest, quiet] = [&topics[0], &topics[1], &topics[2], &topics[3]];
    let visitor = app.anonymous("acme");
    let listing = |limit: u64, after: Option<String>| {
        let mut path = format!("/api/v1/forum/forums/{forum}/topics?limit={limit}");
        if let Some(after) = after {
            path.push_str(&format!("&after={after}"));
        }
        visitor.get(&path).send()
    };
    let page = listing(10, None).await.json();
    assert_eq!(
        ids(&page),
        [quiet, newest, middle, oldest].map(String::clone).to_vec()
    );

    // A reply moves its topic to the top; pinning puts a topic above all others.
    let replied = reply(&app, &alice, oldest, "Bump").await;
    assert_eq!(replied.status, StatusCode::CREATED, "{}", replied.text());
    let pinned = as_owner
        .post(
            &format!("/api/v1/forum/topics/{middle}/moderation"),
            json!({"pinned": true}),
        )
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
    let listed = visitor
        .graphql(
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
async fn graphql_covers_the_forum() {
    let app = TestApp::spawn().await;
    let owner = app.tenant_admin("acme").await;
    let as_owner = app.signed_in("acme", &owner);
    let alice = app.customer("acme", "alice@acme.test").await;
    let as_alice = app.signed_in("acme", &alice);
    let created = as_owner
        .graphql_data(
            "mutation { forumCreate(input: {title: \"Support\", description: \"Ask here\"}) { id slug status excerpt } }",
            json!({}),
        )
        .await;
    let forum = created["forumCreate"]["id"].as_str().unwrap().to_string();
    assert_eq!(created["forumCreate"]["status"], "published");

    let opened = as_alice
        .graphql_data(
            "mutation($forum: ID!) { forumCreateTopic(forumId: $forum, input: {title: \"Login fails\", body: \"Since *today*\"}) { id slug body { html } } }",
            json!({"forum": forum}),
        )
        .await;
    let topic_id = opened["forumCreateTopic"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let answered = as_owner
        .graphql(
            "mutation($id: ID!) { forumCreateReply(topicId: $id, input: {body: \"Fixed\"}) { id title } }",
            json!({"id": topic_id}),
        )
        .await;
    assert_eq!(
        answered["data"]["forumCreateReply"]["title"], "Re: Login fails",
        "{answered}"
    );
    let visitor = app.anonymous("acme");
    let read = visitor
        .graphql_data(
            "query($id: ID!) { forumTopic(id: $id) { title replyCount } forumReplies(topicId: $id) { items { title } } forum(slug: \"support\") { id } forums { items { slug } } }",
            json!({"id": topic_id}),
        )
        .await;
    assert_eq!(read["forumTopic"]["replyCount"], 1);
    assert_eq!(read["forumReplies"]["items"][0]["title"], "Re: Login fails");
    assert_eq!(read["forum"]["id"], forum.as_str());
    assert_eq!(read["forums"]["items"][0]["slug"], "support");

    let edited = as_alice
        .graphql(
            "mutation($id: ID!) { forumUpdateTopic(id: $id, input: {title: \"Login fails on mobile\"}) { title } }",
            json!({"id": topic_id}),
        )
        .await;
    assert_eq!(
        edited["data"]["forumUpdateTopic"]["title"], "Login fails on mobile",
        "{edited}"
    );
    let deleted = as_owner
        .graphql(
            "mutation($id: ID!) { forumDeleteTopic(id: $id) }",
            json!({"id": topic_id}),
        )
        .await;
    assert_eq!(deleted["data"]["forumDeleteTopic"], true, "{deleted}");
    let missing = visitor
        .graphql(
            "query($id: ID!) { forumTopic(id: $id) { id } }",
            json!({"id": topic_id}),
        )
        .await;
    assert!(missing["data"]["forumTopic"].is_null(), "{missing}");
}

#[tokio::test]
async fn the_demo_tenant_starts_with_a_forum_in_two_languages() {
    let app = TestApp::spawn().await;
    let visitor = app.anonymous("demo");
    let forums = visitor
        .get("/api/v1/forum/forums?locale=de")
        .send()
        .await
        .json();
    let forum = &forums["items"][0];
    assert_eq!(forum["title"], "Allgemeine Diskussion", "{forums}");
    let topics = visitor
        .get(&format!(
            "/api/v1/forum/forums/{}/topics",
            forum["id"].as_str().unwrap()
        ))
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
