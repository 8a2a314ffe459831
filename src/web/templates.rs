//! Tera templates embedded in the binary (so `cargo run` works from any folder), compiled once
//! per process. Autoescaping stays on for every `.html` template.

use std::sync::{Arc, OnceLock};

use anyhow::{Context as _, anyhow};
use rust_embed::RustEmbed;
use serde::Serialize;

#[derive(RustEmbed)]
#[folder = "templates/"]
#[exclude = "static/*"]
struct TemplateFiles;

/// The compiled templates; cheap to clone.
#[derive(Clone)]
pub struct Templates(Arc<tera::Tera>);

impl Templates {
    /// The embedded templates, compiled on the first call and shared by every later one (they
    /// are part of the binary, so they cannot change; a process that starts many servers, as
    /// the test suite does, parses them once). Fails on a syntax error.
    pub fn load() -> anyhow::Result<Self> {
        static COMPILED: OnceLock<Templates> = OnceLock::new();
        if let Some(templates) = COMPILED.get() {
            return Ok(templates.clone());
        }
        let templates = Self::compile()?;
        Ok(COMPILED.get_or_init(|| templates).clone())
    }

    /// Compiles every embedded template.
    fn compile() -> anyhow::Result<Self> {
        let mut tera = tera::Tera::default();
        // `{{ t(key="…", lang=lang) }}`: a message of the catalogues (see `crate::i18n`).
        tera.register_function(
            "t",
            fluent_templates::FluentLoader::new(&*crate::i18n::LOCALES),
        );
        let mut sources = Vec::new();
        for name in TemplateFiles::iter() {
            let file = TemplateFiles::get(&name)
                .ok_or_else(|| anyhow!("embedded template {name} vanished"))?;
            let text = String::from_utf8(file.data.into_owned())
                .with_context(|| format!("template {name} is not UTF-8"))?;
            sources.push((name.into_owned(), text));
        }
        tera.add_raw_templates(sources)
            .map_err(|e| anyhow!("compiling templates: {}", tera_chain(&e)))?;
        Ok(Self(Arc::new(tera)))
    }

    /// Names of every page template (for the render-everything test).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.0.get_template_names().map(str::to_owned).collect();
        names.sort();
        names
    }

    /// Renders `name` with a serialisable view model, in the language of its layout (English
    /// when the view has none).
    pub fn render(&self, name: &str, view: &impl Serialize) -> anyhow::Result<String> {
        let mut context = context_of(name, view)?;
        context.insert("app_version", env!("CARGO_PKG_VERSION"));
        // The page's language, for `<html lang>` and every `t(…)`: the layout's, else English.
        let lang = context
            .get("layout")
            .and_then(|layout| layout.get("lang"))
            .and_then(|lang| lang.as_str())
            .and_then(crate::i18n::Lang::parse)
            .unwrap_or(crate::i18n::Lang::En);
        self.render_in(name, context, lang)
    }

    /// Renders a part of a page (`_name.html`) in `lang`, without the layout: parts built once
    /// and kept, such as the results page's tables, built once per count.
    pub fn render_part(
        &self,
        name: &str,
        view: &impl Serialize,
        lang: crate::i18n::Lang,
    ) -> anyhow::Result<String> {
        self.render_in(name, context_of(name, view)?, lang)
    }

    fn render_in(
        &self,
        name: &str,
        mut context: tera::Context,
        lang: crate::i18n::Lang,
    ) -> anyhow::Result<String> {
        context.insert("lang", &lang);
        self.0
            .render(name, &context)
            .map_err(|e| anyhow!("rendering {name}: {}", tera_chain(&e)))
    }
}

/// The Tera context of a view model.
fn context_of(name: &str, view: &impl Serialize) -> anyhow::Result<tera::Context> {
    tera::Context::from_serialize(view)
        .map_err(|e| anyhow!("building context for {name}: {}", tera_chain(&e)))
}

/// Tera nests the useful message in `source()`; flatten it into one line.
fn tera_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}
