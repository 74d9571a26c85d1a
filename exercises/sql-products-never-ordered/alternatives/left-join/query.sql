select p.id, p.name
  from products p
  left join order_items oi on oi.product_id = p.id
 where oi.order_id is null
