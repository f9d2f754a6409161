//! Rebuilds the binary when a built-in catalog file is added, removed or edited
//! (include_dir embeds the folders but cannot tell cargo to watch them).

fn main() {
    for folder in ["templates", "profiles", "roles", "spelling", "lint", "examples"] {
        println!("cargo:rerun-if-changed={folder}");
    }
}
