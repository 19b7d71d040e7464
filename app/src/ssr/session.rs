//! Typed access to what the lab keeps in a learner's session.

use lab_core::Lang;
use tower_sessions::Session;

/// The session of a browser: which learner it is and the language they chose. Keeping
/// the language here spares a database read on every request.
pub struct LearnerSession(pub Session);

impl LearnerSession {
    const LEARNER_ID: &'static str = "learner_id";
    const LANG: &'static str = "lang";

    /// The learner id, if the session has one.
    pub async fn learner_id(&self) -> Option<String> {
        self.0.get::<String>(Self::LEARNER_ID).await.ok().flatten()
    }

    /// The learner's language, if the session has it.
    pub async fn lang(&self) -> Option<Lang> {
        self.0.get::<Lang>(Self::LANG).await.ok().flatten()
    }

    /// Binds the session to a learner and their language.
    pub async fn set(&self, id: &str, lang: Lang) -> Result<(), tower_sessions::session::Error> {
        self.0.insert(Self::LEARNER_ID, id).await?;
        self.0.insert(Self::LANG, lang).await
    }

    /// Changes the language.
    pub async fn set_lang(&self, lang: Lang) -> Result<(), tower_sessions::session::Error> {
        self.0.insert(Self::LANG, lang).await
    }
}
