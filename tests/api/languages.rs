//! Languages: the catalogues are complete (every key English has, in every other language,
//! with the same arguments), every key a template uses exists, and pages speak the person's
//! chosen language, else their browser's, else English.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::helpers::{seed, signed_in, spawn_app};
use crate::language_helpers::unescaped;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Each message of the `.ftl` files in `locales/{lang}/`: its key and the `$arguments` it uses.
fn catalogue(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(ROOT).join("locales").join(lang);
    let mut messages = BTreeMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    entries.sort();
    for file in entries {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_message =
                line.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && line.contains(" =");
            if starts_message {
                let key = line.split(" =").next().unwrap().trim().to_owned();
                assert!(
                    messages.insert(key.clone(), BTreeSet::new()).is_none(),
                    "{lang}: {key} defined twice"
                );
                current = Some(key);
            } else if line.trim().is_empty() || line.starts_with('#') {
                current = None;
                continue;
            }
            if let Some(key) = &current {
                let args = messages.get_mut(key).unwrap();
                for piece in line.split('$').skip(1) {
                    let name: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    args.insert(name);
                }
            }
        }
    }
    messages
}

fn languages() -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    langs
}

#[test]
fn every_catalogue_file_is_valid_fluent() {
    use roundtable::i18n::fluent_bundle::FluentResource;
    let mut problems = Vec::new();
    for lang in languages() {
        let dir = Path::new(ROOT).join("locales").join(&lang);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
                for e in errors {
                    let line = text[..e.pos.start.min(text.len())].lines().count();
                    problems.push(format!("{}:{line}: {:?}", path.display(), e.kind));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_catalogue_has_every_key_english_has_with_the_same_arguments() {
    let english = catalogue("en");
    assert!(english.len() > 50, "{}", english.len());
    let langs = languages();
    assert!(langs.contains(&"fr".to_owned()), "{langs:?}");
    let mut problems = Vec::new();
    for lang in langs.iter().filter(|l| *l != "en") {
        let other = catalogue(lang);
        for (key, args) in &english {
            match other.get(key) {
                None => problems.push(format!("{lang} misses {key}")),
                Some(theirs) if theirs != args => problems.push(format!(
                    "{lang}: {key} uses {theirs:?}, English uses {args:?}"
                )),
                Some(_) => {}
            }
        }
        for key in other.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("{lang} has {key}, which English does not"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_key_a_template_uses_is_in_the_english_catalogue() {
    let english = catalogue("en");
    let mut missing = Vec::new();
    let mut used = 0;
    for entry in std::fs::read_dir(Path::new(ROOT).join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for piece in text.split("t(key=\"").skip(1) {
            let key = piece.split('"').next().unwrap();
            used += 1;
            if !english.contains_key(key) {
                missing.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(used > 50, "{used}");
    assert!(missing.is_empty(), "{missing:#?}");
}

/// `text` without the spans between each pair of delimiters (`{{ … }}`, `<code …</code>`, …).
fn without(mut text: String, open: &str, close: &str) -> String {
    while let Some(start) = text.find(open) {
        let Some(len) = text[start + open.len()..].find(close) else {
            break;
        };
        text.replace_range(start..start + open.len() + len + close.len(), " ");
    }
    text
}

/// Words a template writes itself, in text or in attributes people read: everything but
/// Tera expressions, scripts, styles, code samples, addresses and a few proper names.
fn literal_words(template: &str) -> Vec<String> {
    const NAMES: [&str; 6] = ["Roundtable", "RCTab", "Pabulib", "CSV", "JSON", "ics"];
    const READ: [&str; 5] = [
        "aria-label=\"",
        "title=\"",
        "placeholder=\"",
        "alt=\"",
        "aria-description=\"",
    ];
    let mut text = template.to_owned();
    for (open, close) in [
        ("{#", "#}"),
        ("{{", "}}"),
        ("{%", "%}"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<code", "</code>"),
        ("<pre", "</pre>"),
        ("<kbd", "</kbd>"),
    ] {
        text = without(text, open, close);
    }
    let mut readable = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find('<') {
        readable.push_str(&rest[..start]);
        readable.push(' ');
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + end];
        for attr in READ {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                readable.push_str(value.split('"').next().unwrap_or(""));
                readable.push(' ');
            }
        }
        rest = &rest[start + end + 1..];
    }
    readable.push_str(rest);
    // Character references (`&amp;`, `&#x27;`) are not words.
    let mut plain = String::new();
    let mut chars = readable.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let entity = c == '&'
            && readable[i + 1..].find(';').is_some_and(|end| {
                end <= 8
                    && readable[i + 1..i + 1 + end]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#')
            });
        if entity {
            while chars.next().is_some_and(|(_, c)| c != ';') {}
            plain.push(' ');
        } else {
            plain.push(c);
        }
    }
    plain
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '/'))
        .filter(|w| !w.starts_with('/') && !w.contains('/'))
        .map(|w| w.trim_matches('\''))
        .filter(|w| w.len() >= 2 && !NAMES.contains(w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn templates_write_no_sentence_of_their_own() {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let words = literal_words(&std::fs::read_to_string(&path).unwrap());
        if !words.is_empty() {
            found.push(format!("{}: {}", path.display(), words.join(" ")));
        }
    }
    assert!(
        found.is_empty(),
        "words written in templates instead of the catalogues: {found:#?}"
    );
    // The check itself sees what it must.
    let sample =
        r#"<p title="Read me">Hello {{ t(key="x", lang=lang) }}</p><code>roundtable user</code>"#;
    assert_eq!(literal_words(sample), ["Read", "me", "Hello"]);
}

/// The catalogue keys Rust code names: the literal key of every `Msg::new("…")`,
/// `text(lang, "…")` and `text_with(lang, "…", …)` call in `src/`.
fn keys_in_rust() -> Vec<(String, String)> {
    use syn::visit::Visit;
    struct Calls<'a> {
        file: &'a str,
        found: Vec<(String, String)>,
    }
    impl<'ast> Visit<'ast> for Calls<'_> {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let syn::Expr::Path(path) = &*call.func {
                let segments: Vec<String> = path
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                let name = segments.last().map(String::as_str);
                let key_at = match (name, segments.len()) {
                    (Some("new"), n) if n >= 2 && segments[n - 2] == "Msg" => Some(0),
                    (Some("text" | "text_with"), _) => Some(1),
                    _ => None,
                };
                if let Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(key),
                    ..
                })) = key_at.and_then(|i| call.args.iter().nth(i))
                {
                    self.found.push((self.file.to_owned(), key.value()));
                }
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut found = Vec::new();
    let mut stack = vec![Path::new(ROOT).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let file = syn::parse_file(&text).unwrap();
                let name = path.display().to_string();
                let mut calls = Calls {
                    file: &name,
                    found: Vec::new(),
                };
                calls.visit_file(&file);
                found.extend(calls.found);
            }
        }
    }
    found
}

#[test]
fn every_key_rust_code_names_is_in_the_english_catalogue() {
    let english = catalogue("en");
    let used = keys_in_rust();
    assert!(used.len() > 20, "{}", used.len());
    let missing: Vec<_> = used
        .iter()
        .filter(|(_, key)| !english.contains_key(key))
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[tokio::test]
async fn pages_speak_the_browsers_language_until_a_person_chooses_one() {
    let app = spawn_app().await;
    let french = |path: &str| {
        app.client
            .get(app.url(path))
            .header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")
            .send()
    };
    let login = unescaped(french("/login").await.unwrap().text().await.unwrap());
    assert!(login.contains(r#"<html lang="fr">"#), "{login}");
    assert!(login.contains("Aller au contenu principal"));
    assert!(login.contains(">Se connecter</button>"));
    assert!(login.contains("Adresse e-mail"));
    assert!(!login.contains("Skip to main content"));
    let german = app
        .client
        .get(app.url("/login"))
        .header("Accept-Language", "de-DE,de;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        german.contains(r#"<html lang="en">"#),
        "nothing fits: English"
    );
    assert!(german.contains("Skip to main content"));

    // A person's choice wins over the browser, and is saved on their account.
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let refused = member
        .post("/account/language", &[("language", "xx")])
        .await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Choose one of the languages offered.")
    );
    let chosen = member
        .post("/account/language", &[("language", "fr")])
        .await;
    let account = unescaped(member.follow(chosen).await);
    assert!(
        account.contains("Roundtable vous parle désormais en Français."),
        "{account}"
    );
    assert!(account.contains(r#"<html lang="fr">"#));
    assert!(account.contains("Se déconnecter partout"));
    assert!(account.contains(r#"<option value="fr" lang="fr" selected>Français</option>"#));
    let notifications = unescaped(member.get("/notifications").await.text().await.unwrap());
    assert!(notifications.contains("Rien de non lu."), "{notifications}");
    let home = unescaped(member.get("/").await.text().await.unwrap());
    assert!(home.contains("Bienvenue, Member"), "{home}");
    assert!(home.contains("Vos équipes"));
    let team = unescaped(
        member
            .get(&format!("/teams/{}", world.team_a))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        team.contains("L'équipe se réunit dans le fuseau horaire UTC"),
        "{team}"
    );
    assert!(team.contains(">Membres</h2>"));

    let cleared = member.post("/account/language", &[("language", "")]).await;
    let account = unescaped(member.follow(cleared).await);
    assert!(
        account.contains(r#"<html lang="en">"#),
        "back to the browser's (none sent)"
    );
    assert!(account.contains("Sign out everywhere"));
}
