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
        tera.register_function("options", Options);
        tera.register_function("pick", Pick);
        tera.register_function("zone_options", ZoneOptions);
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

/// Appends `text` to `out` escaped as Tera's `escape_html` escapes it (`& < > " ' /`), a run
/// of plain characters at a time: no new string per text.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            b'/' => "&#x2F;",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        out.push_str(entity);
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
}

/// `{{ options(items=members, value="id", text="name", selected=form.owner_id) }}`: one
/// `<option>` per item (its `value` field as the value, its `text` field as the label, none
/// for a `<datalist>`), the one whose value equals `selected` marked. Written in Rust: a
/// Tera loop over a team of 2,000 members cost several milliseconds per list, and some pages
/// have four (docs/benchmarks.md). Every text is escaped as Tera escapes.
struct Options;

impl tera::Function for Options {
    fn call(
        &self,
        args: &std::collections::HashMap<String, serde_json::Value>,
    ) -> tera::Result<serde_json::Value> {
        let items = args
            .get("items")
            .and_then(serde_json::Value::as_array)
            .ok_or("options: `items` must be a list")?;
        let value_key = args
            .get("value")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("id");
        let text_key = args.get("text").and_then(serde_json::Value::as_str);
        let selected = selected_arg(args);
        let mut out = String::with_capacity(items.len() * 48);
        for item in items {
            let value = item.get(value_key).map(plain).unwrap_or_default();
            out.push_str("<option value=\"");
            escape_into(&mut out, &value);
            out.push('"');
            if !selected.is_empty() && value == selected {
                out.push_str(" selected");
            }
            out.push('>');
            if let Some(text) = text_key.and_then(|key| item.get(key)) {
                escape_into(&mut out, &plain(text));
            }
            out.push_str("</option>");
        }
        Ok(serde_json::Value::String(out))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ pick(options=member_options.by_id, selected=form.owner_id) }}`: options written once
/// (`web::person_fields`), the one whose value equals `selected` marked. The options are
/// already escaped; only the mark is added.
struct Pick;

impl tera::Function for Pick {
    fn call(
        &self,
        args: &std::collections::HashMap<String, serde_json::Value>,
    ) -> tera::Result<serde_json::Value> {
        let options = args
            .get("options")
            .and_then(serde_json::Value::as_str)
            .ok_or("pick: `options` must be written options")?;
        let selected = selected_arg(args);
        Ok(serde_json::Value::String(mark_selected(options, &selected)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ zone_options(selected=time_zone) }}`: one `<option>` per zone people choose from
/// (`Zone::choices`, the name as both value and text), written once per process; the one
/// named `selected` marked as `pick` marks. Through a template loop the ~600 zones were the
/// largest macro call on a leader's team page (docs/benchmarks.md, issue 13).
struct ZoneOptions;

impl tera::Function for ZoneOptions {
    fn call(
        &self,
        args: &std::collections::HashMap<String, serde_json::Value>,
    ) -> tera::Result<serde_json::Value> {
        Ok(serde_json::Value::String(zone_options(&selected_arg(args))))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The zone choice's options with `selected` marked (none when it is not among them).
fn zone_options(selected: &str) -> String {
    static ALL: OnceLock<String> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut out = String::new();
        for zone in crate::domain::zone::Zone::choices() {
            out.push_str("<option value=\"");
            escape_into(&mut out, zone);
            out.push_str("\">");
            escape_into(&mut out, zone);
            out.push_str("</option>");
        }
        out
    });
    mark_selected(all, selected)
}

/// The `selected` argument of `options` and `pick` as text (empty when absent).
fn selected_arg(args: &std::collections::HashMap<String, serde_json::Value>) -> String {
    args.get("selected").map(plain).unwrap_or_default()
}

/// `options` with the option whose value is `selected` marked (none when it is empty or not
/// among them).
fn mark_selected(options: &str, selected: &str) -> String {
    let mut out = String::with_capacity(options.len() + 9);
    if !selected.is_empty() {
        let mut tag = String::with_capacity(selected.len() + 16);
        tag.push_str("<option value=\"");
        escape_into(&mut tag, selected);
        tag.push('"');
        // The whole attribute, so that "4" does not find "42".
        let whole = format!("{tag}>");
        if let Some((before, after)) = options
            .find(&whole)
            .and_then(|at| options.split_at_checked(at + tag.len()))
        {
            out.push_str(before);
            out.push_str(" selected");
            out.push_str(after);
            return out;
        }
    }
    out.push_str(options);
    out
}

/// A value as a template prints it: a string as is, a number in digits, nothing otherwise.
fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_into_the_page_is_teras_escaping() {
        for text in [
            "",
            "plain",
            "<&>\"'/",
            "é/ü & 😀 <b>x</b>",
            "trailing &",
            "& leading",
        ] {
            let mut out = String::from("x");
            escape_into(&mut out, text);
            assert_eq!(out, format!("x{}", tera::escape_html(text)), "{text}");
        }
    }

    #[test]
    fn zone_options_are_the_loop_they_replace() {
        let tera_loop = r#"{% for zone in zones %}<option value="{{ zone }}"{% if zone == selected %} selected{% endif %}>{{ zone }}</option>{% endfor %}"#;
        let mut tera = tera::Tera::default();
        tera.add_raw_template("loop.html", tera_loop).unwrap();
        let zones: Vec<&str> = crate::domain::zone::Zone::choices().collect();
        // "Europe/London" must not also mark a zone it is the start of.
        for selected in [
            "",
            "UTC",
            "Europe/London",
            "America/Argentina/Buenos_Aires",
            "Pacific/Wallis",
            "Mars/Olympus",
            "Europe/Lon",
        ] {
            let mut context = tera::Context::new();
            context.insert("zones", &zones);
            context.insert("selected", selected);
            let written = zone_options(selected);
            assert_eq!(
                tera.render("loop.html", &context).unwrap(),
                written,
                "{selected}"
            );
            let marked = usize::from(zones.contains(&selected));
            assert_eq!(written.matches(" selected").count(), marked, "{selected}");
        }
    }

    #[test]
    fn pick_marks_the_one_whole_value() {
        let options = "<option value=\"42\">A</option><option value=\"4\">B</option>";
        assert_eq!(
            mark_selected(options, "4"),
            "<option value=\"42\">A</option><option value=\"4\" selected>B</option>"
        );
        assert_eq!(mark_selected(options, ""), options);
        assert_eq!(mark_selected(options, "5"), options);
        assert_eq!(
            mark_selected("<option value=\"a&amp;b\">x</option>", "a&b"),
            "<option value=\"a&amp;b\" selected>x</option>"
        );
    }

    #[test]
    fn options_are_the_loop_they_replace() {
        let tera_loop = r#"{% for o in members %}<option value="{{ o.id }}"{% if sel == o.id | as_str %} selected{% endif %}>{{ o.name }}</option>{% endfor %}"#;
        let function = r#"{{ options(items=members, value="id", text="name", selected=sel) }}"#;
        let mut tera = tera::Tera::default();
        tera.register_function("options", Options);
        tera.add_raw_templates([("loop.html", tera_loop), ("function.html", function)])
            .unwrap();
        let members = serde_json::json!([
            {"id": 7, "name": "Ann <\"O'Neil\"> & co/"},
            {"id": 12, "name": "Zoë"},
            {"id": 1, "name": ""},
        ]);
        for sel in ["", "12", "7", "99"] {
            let mut context = tera::Context::new();
            context.insert("members", &members);
            context.insert("sel", sel);
            assert_eq!(
                tera.render("function.html", &context).unwrap(),
                tera.render("loop.html", &context).unwrap(),
                "selected {sel:?}"
            );
        }
        // A datalist: values only.
        let mut datalist = tera::Tera::default();
        datalist.register_function("options", Options);
        datalist
            .add_raw_template("d.html", r#"{{ options(items=members, value="name") }}"#)
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("members", &members);
        assert_eq!(
            datalist.render("d.html", &context).unwrap(),
            "<option value=\"Ann &lt;&quot;O&#x27;Neil&quot;&gt; &amp; co&#x2F;\"></option><option value=\"Zoë\"></option><option value=\"\"></option>"
        );
    }
}
