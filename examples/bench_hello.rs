//! The benchmark's floor for start-up: a process that prints one line and
//! exits, built with the same compiler and profile as newswire.

fn main() {
    println!("hello");
}
