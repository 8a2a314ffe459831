//! The dependency rule, checked on the parsed code rather than its text: `src/tally/`,
//! `src/domain/` and `src/access/` stay pure (no database, web, async runtime, filesystem,
//! network, clock or environment); dependencies point inwards (web → service → domain), so
//! neither `src/service/` nor `src/auth/` reaches into `web`; and web handlers reach stored rows
//! only through services, never `crate::store::entities`.
//!
//! Every file under `src/` is parsed with `syn`. Each `use` tree is expanded (groups, renames,
//! globs) and every path in an expression, type, pattern, attribute-free macro argument or
//! `use` is resolved to a full path: `crate::`, `self::` and `super::` to module paths, a first
//! segment that a `use` brought in to what it names, a child module to its module path. A
//! rule forbids full-path prefixes, so `use std::{fs, env}` and `use crate::web as w; w::x()`
//! are both caught.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::punctuated::Punctuated;
use syn::visit::Visit;

/// A module path, e.g. `["crate", "web", "ledger"]`.
type ModPath = Vec<String>;

/// What the modules under `scope` must not name: full-path prefixes (`std::fs`) and names
/// forbidden wherever they appear in a path (`SystemTime`, `now_utc`).
struct Rule {
    scope: &'static str,
    prefixes: &'static [&'static str],
    anywhere: &'static [&'static str],
}

/// The impure world, as the pure layers must not see it.
const IMPURE: &[&str] = &[
    "sea_orm",
    "sea_orm_migration",
    "migrations",
    "actix_web",
    "actix_session",
    "tokio",
    "reqwest",
    "sqlx",
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::time::SystemTime",
    "std::time::Instant::now",
    "time::OffsetDateTime::now_utc",
    "crate::web",
    "crate::service",
    "crate::store",
    "crate::startup",
    "crate::cli",
    "crate::clock",
    "crate::telemetry",
    "crate::mail",
    "lettre",
];
/// Names that read the clock however they were imported.
const CLOCK: &[&str] = &["SystemTime", "now_utc", "now_local"];

const RULES: &[Rule] = &[
    Rule {
        scope: "crate::domain",
        prefixes: IMPURE,
        anywhere: CLOCK,
    },
    Rule {
        scope: "crate::tally",
        prefixes: IMPURE,
        anywhere: CLOCK,
    },
    Rule {
        scope: "crate::access",
        prefixes: IMPURE,
        anywhere: CLOCK,
    },
    Rule {
        scope: "crate::service",
        prefixes: &["crate::web", "actix_web", "actix_session"],
        anywhere: &[],
    },
    Rule {
        scope: "crate::auth",
        prefixes: &["crate::web", "crate::service"],
        anywhere: &[],
    },
    Rule {
        scope: "crate::web",
        prefixes: &["crate::store::entities"],
        anywhere: &[],
    },
    Rule {
        scope: "crate::mail",
        prefixes: &["crate::web", "crate::service"],
        anywhere: &[],
    },
];

/// One parsed file and the module path it defines.
struct Source {
    file: String,
    module: ModPath,
    syntax: syn::File,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/lib.rs` → `crate`, `src/a/mod.rs` and `src/a.rs` → `crate::a`, `src/a/b.rs` → `crate::a::b`.
fn module_of(relative: &Path) -> ModPath {
    let mut module = vec!["crate".to_owned()];
    let parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if last && (part == "mod" || part == "lib" || part == "main") {
            continue;
        }
        module.push(part.clone());
    }
    module
}

fn crate_sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "main.rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let syntax = syn::parse_file(&text)
                .unwrap_or_else(|e| panic!("{}: does not parse: {e}", path.display()));
            Source {
                file: path.display().to_string(),
                module: module_of(path.strip_prefix(&root).unwrap()),
                syntax,
            }
        })
        .collect()
}

/// Every module of the crate: file modules and inline `mod x { … }` blocks.
fn all_modules(sources: &[Source]) -> BTreeSet<ModPath> {
    struct Mods<'a> {
        at: ModPath,
        out: &'a mut BTreeSet<ModPath>,
    }
    impl<'ast> Visit<'ast> for Mods<'_> {
        fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
            self.at.push(item.ident.to_string());
            self.out.insert(self.at.clone());
            syn::visit::visit_item_mod(self, item);
            self.at.pop();
        }
    }
    let mut out = BTreeSet::new();
    for source in sources {
        out.insert(source.module.clone());
        Mods {
            at: source.module.clone(),
            out: &mut out,
        }
        .visit_file(&source.syntax);
    }
    out
}

/// Expands a `use` tree into (name bound in scope, full path as written) pairs; a glob binds
/// `*`.
fn expand_use(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<(String, Vec<String>)>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            expand_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            let mut full = prefix.clone();
            if name != "self" {
                full.push(name.clone());
            }
            let bound = full.last().cloned().unwrap_or(name);
            out.push((bound, full));
        }
        syn::UseTree::Rename(r) => {
            let mut full = prefix.clone();
            if r.ident != "self" {
                full.push(r.ident.to_string());
            }
            out.push((r.rename.to_string(), full));
        }
        syn::UseTree::Glob(_) => out.push(("*".to_owned(), prefix.clone())),
        syn::UseTree::Group(g) => {
            for item in &g.items {
                expand_use(item, prefix, out);
            }
        }
    }
}

/// Resolves paths of one module scope and collects what they name.
struct Resolver<'a> {
    modules: &'a BTreeSet<ModPath>,
    /// The module whose items are being walked.
    module: ModPath,
    /// Names brought in by `use` in this module (and its functions' bodies).
    aliases: BTreeMap<String, Vec<String>>,
    /// Full paths named, with how they were written.
    named: Vec<(Vec<String>, String)>,
}

impl Resolver<'_> {
    /// A path as written, from the module it is written in, to a full path.
    fn resolve(&self, segments: &[String], leading_colon: bool) -> Vec<String> {
        let Some(first) = segments.first() else {
            return Vec::new();
        };
        if leading_colon {
            return segments.to_vec();
        }
        let rest = || segments.iter().skip(1).cloned();
        match first.as_str() {
            "crate" => segments.to_vec(),
            "self" => self.module.iter().cloned().chain(rest()).collect(),
            "super" => {
                let mut base = self.module.clone();
                let mut tail = segments.iter().peekable();
                while tail.peek().is_some_and(|s| *s == "super") {
                    tail.next();
                    base.pop();
                }
                base.extend(tail.cloned());
                base
            }
            _ => {
                // Stored aliases are already resolved.
                if let Some(target) = self.aliases.get(first) {
                    return target.iter().cloned().chain(rest()).collect();
                }
                let mut child = self.module.clone();
                child.push(first.clone());
                if self.modules.contains(&child) {
                    return child.into_iter().chain(rest()).collect();
                }
                segments.to_vec()
            }
        }
    }

    fn note(&mut self, segments: Vec<String>, leading_colon: bool) {
        let written = segments.join("::");
        let full = self.resolve(&segments, leading_colon);
        self.named.push((full, written));
    }
}

/// First pass over one module scope: what its `use` items bind (not descending into inline
/// modules, which have their own scope).
struct UseCollector {
    uses: Vec<(String, Vec<String>, bool)>,
}

impl<'ast> Visit<'ast> for UseCollector {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut pairs = Vec::new();
        expand_use(&item.tree, &mut Vec::new(), &mut pairs);
        let leading = item.leading_colon.is_some();
        self.uses.extend(
            pairs
                .into_iter()
                .map(|(bound, full)| (bound, full, leading)),
        );
    }
    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {}
}

impl<'ast> Visit<'ast> for Resolver<'_> {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut pairs = Vec::new();
        expand_use(&item.tree, &mut Vec::new(), &mut pairs);
        for (_, full) in pairs {
            self.note(full, item.leading_colon.is_some());
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.note(segments, path.leading_colon.is_some());
        syn::visit::visit_path(self, path);
    }

    /// Macro arguments are tokens to `syn`; most are expressions, so they are read as such
    /// (`format!("{}", std::env::var("X")?)` is caught).
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        syn::visit::visit_macro(self, mac);
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(args) = mac.parse_body_with(parser) {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let Some((_, items)) = &item.content else {
            return;
        };
        let mut inner = self.module.clone();
        inner.push(item.ident.to_string());
        self.named
            .append(&mut scope(self.modules, inner, items).named);
    }
}

/// Walks one module scope (a file's items, or an inline module's).
fn scope<'a>(modules: &'a BTreeSet<ModPath>, module: ModPath, items: &[syn::Item]) -> Resolver<'a> {
    let mut uses = UseCollector { uses: Vec::new() };
    for item in items {
        uses.visit_item(item);
    }
    let mut resolver = Resolver {
        modules,
        module,
        aliases: BTreeMap::new(),
        named: Vec::new(),
    };
    for (bound, full, leading) in uses.uses {
        if bound != "*" && bound != "_" {
            let full = if leading {
                full
            } else {
                resolver.resolve(&full, false)
            };
            resolver.aliases.insert(bound, full);
        }
    }
    for item in items {
        resolver.visit_item(item);
    }
    resolver
}

fn starts_with(path: &[String], prefix: &str) -> bool {
    let prefix: Vec<&str> = prefix.split("::").collect();
    path.len() >= prefix.len() && path.iter().zip(&prefix).all(|(a, b)| a == b)
}

fn in_scope(module: &[String], scope: &str) -> bool {
    starts_with(module, scope)
}

/// The rule breaches in one parsed file.
fn violations_in(
    modules: &BTreeSet<ModPath>,
    file: &str,
    module: &ModPath,
    syntax: &syn::File,
    rules: &[Rule],
) -> Vec<String> {
    let applicable: Vec<&Rule> = rules.iter().filter(|r| in_scope(module, r.scope)).collect();
    if applicable.is_empty() {
        return Vec::new();
    }
    let named = scope(modules, module.clone(), &syntax.items).named;
    let mut found = BTreeSet::new();
    for (full, written) in named {
        for rule in &applicable {
            let prefix = rule.prefixes.iter().find(|p| starts_with(&full, p));
            let word = rule
                .anywhere
                .iter()
                .find(|w| full.iter().any(|segment| segment == *w));
            if let Some(what) = prefix.or(word) {
                found.insert(format!(
                    "{file}: `{written}` names `{what}`, which {} must not use",
                    rule.scope
                ));
            }
        }
    }
    found.into_iter().collect()
}

/// Checks a source text as if it were the module `module` of this crate (for the checker's
/// own tests).
fn check_text(module: &str, text: &str) -> Vec<String> {
    let sources = crate_sources();
    let mut modules = all_modules(&sources);
    let module: ModPath = module.split("::").map(str::to_owned).collect();
    modules.insert(module.clone());
    let syntax = syn::parse_file(text).unwrap();
    violations_in(&modules, "sample.rs", &module, &syntax, RULES)
}

#[test]
fn every_layer_keeps_to_its_dependencies() {
    let sources = crate_sources();
    assert!(sources.len() > 50, "found only {} files", sources.len());
    let modules = all_modules(&sources);
    let mut found = Vec::new();
    for source in &sources {
        found.extend(violations_in(
            &modules,
            &source.file,
            &source.module,
            &source.syntax,
            RULES,
        ));
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_checker_catches_grouped_std_imports() {
    let found = check_text(
        "crate::domain::sample",
        "use std::{fs, env};\nfn f() { let _ = fs::read(\"x\"); }\n",
    );
    assert!(found.iter().any(|f| f.contains("`std::fs`")), "{found:#?}");
    assert!(found.iter().any(|f| f.contains("`std::env`")), "{found:#?}");
}

#[test]
fn the_checker_catches_a_renamed_import_of_the_web_layer() {
    let found = check_text(
        "crate::service::sample",
        "use crate::web as w;\nfn f() -> w::WebError { todo!() }\n",
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.iter().all(|f| f.contains("`crate::web`")),
        "{found:#?}"
    );
}

#[test]
fn the_checker_resolves_super_self_and_aliases() {
    // `super::super::web` from `crate::auth::x` is `crate::web`.
    let found = check_text(
        "crate::auth::sample",
        "fn f() { let _ = super::super::web::WebError::NotFound; }\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    // A module alias followed into a path expression.
    let found = check_text(
        "crate::tally::sample",
        "use std::time;\nfn f() { let _ = time::SystemTime::now(); }\n",
    );
    assert!(!found.is_empty(), "{found:#?}");
    // A clock read inside a macro argument, and a glob import of the clock type.
    let found = check_text(
        "crate::domain::sample",
        "use time::*;\nfn f() -> String { format!(\"{}\", OffsetDateTime::now_utc()) }\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    // Web handlers reach rows only through services.
    let found = check_text(
        "crate::web::sample",
        "use crate::store::{Database, entities::users};\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn the_checker_leaves_comments_strings_and_allowed_paths_alone() {
    let found = check_text(
        "crate::domain::sample",
        "// tokio and std::fs in a comment\nconst S: &str = \"crate::web\";\nuse crate::format;\nuse std::collections::BTreeMap;\n",
    );
    assert!(found.is_empty(), "{found:#?}");
}
