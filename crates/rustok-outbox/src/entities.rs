//! Entities of the outbox tables.

pub mod sys_events {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "sys_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub event_type: String,
        pub schema_version: i32,
        /// The `DomainEvent` as `{"type": ..., "data": ...}`.
        #[sea_orm(column_type = "JsonBinary")]
        pub payload: Json,
        pub actor_id: Option<Uuid>,
        pub correlation_id: Uuid,
        pub causation_id: Option<Uuid>,
        pub trace_id: Option<String>,
        pub status: String,
        pub attempts: i32,
        pub next_attempt_at: DateTimeWithTimeZone,
        pub last_error: Option<String>,
        pub created_at: DateTimeWithTimeZone,
        pub dispatched_at: Option<DateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sys_event_consumptions {
    use sea_orm::entity::prelude::*;

    /// One row per (consumer, event) a handler has completed.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "sys_event_consumptions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub consumer: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub event_id: Uuid,
        pub processed_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sys_relay_leases {
    use sea_orm::entity::prelude::*;

    /// Which process relays, where only one may (SQLite).
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "sys_relay_leases")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub holder: String,
        pub expires_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
