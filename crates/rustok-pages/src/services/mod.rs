mod menus;
mod pages;

pub use menus::{MAX_LABEL_LEN, MAX_MENU_DEPTH, MAX_MENU_ITEMS, MenuService};
pub use pages::{PAGE_KIND, PageService};
